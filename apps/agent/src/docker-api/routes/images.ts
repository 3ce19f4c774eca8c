import type { ImageRecord } from '@berth/runtime';
import type { DockerRouteDeps } from '../deps.js';
import { queryOf } from '../http/query-schema.js';
import { Reply } from '../http/reply.js';
import type { DockerRouter } from '../http/router.js';
import { parseFilters } from '../translate/filters.js';
import { IMAGE_LIST_FILTERS, filterImage } from '../translate/image-filters.js';
import { tagTarget } from '../translate/image-refs.js';
import {
  toDockerHistory,
  toDockerImageInspect,
  toDockerImageSummary,
} from '../translate/images.js';
import { ImageTagQuerySchema } from '../types/image.js';
import { deleteImage, pruneImages } from './image-delete.js';
import { chainSizes, findImage, imageSize, readImageConfig } from './image-lookup.js';

/** `/images`: list, inspect, history, tag, remove, prune (transfers and archives elsewhere). */
export function registerImageRoutes(router: DockerRouter, deps: DockerRouteDeps): void {
  const engine = deps.imageEngine;

  router.add({
    method: 'GET',
    path: '/images/json',
    handler: async ({ query }) => {
      const f = parseFilters(query.string('filters'), IMAGE_LIST_FILTERS);
      const createdOf = async (key: string) => {
        const ref = f.get(key)?.at(-1);
        return ref === undefined ? undefined : createdMs(await findImage(engine, ref));
      };
      const [before, since, sizes] = [
        await createdOf('before'),
        await createdOf('since'),
        await chainSizes(engine),
      ];
      const shared = query.bool('shared-size');
      const out = [];
      for (const r of await engine.images.list()) {
        const config = await readImageConfig(engine, r);
        const labels = (config.config?.Labels ?? null) as Record<string, string> | null;
        const names = filterImage(r, f, { labels: labels ?? {}, before, since });
        if (!names) continue;
        const s = imageSize(r, sizes);
        out.push(
          toDockerImageSummary(
            { ...r, ...names },
            { size: s.size, shared: shared ? s.shared : -1, labels },
          ),
        );
      }
      return out.sort((a, b) => b.Created - a.Created);
    },
  });

  router.add({
    method: 'POST',
    path: '/images/prune',
    handler: ({ query }) => pruneImages(deps, query.string('filters')),
  });

  router.add({
    method: 'GET',
    path: '/images/{name:.*}/json',
    handler: async ({ params }) => {
      const r = await findImage(engine, params.name!);
      const config = await readImageConfig(engine, r);
      return toDockerImageInspect(r, config, imageSize(r, await chainSizes(engine)).size);
    },
  });

  router.add({
    method: 'GET',
    path: '/images/{name:.*}/history',
    handler: async ({ params }) => {
      const r = await findImage(engine, params.name!);
      const sizes = await chainSizes(engine);
      return toDockerHistory(r, await readImageConfig(engine, r), sizes.size);
    },
  });

  router.add({
    method: 'POST',
    path: '/images/{name:.*}/tag',
    handler: async ({ params, query }) => {
      const q = queryOf(ImageTagQuerySchema, query);
      const r = await findImage(engine, params.name!);
      await engine.tag(r.id, tagTarget(q.repo, q.tag));
      return new Reply(201);
    },
  });

  router.add({
    method: 'DELETE',
    path: '/images/{name:.*}',
    handler: ({ params, query }) => deleteImage(deps, params.name!, query.bool('force')),
  });
}

function createdMs(r: ImageRecord): number {
  return r.created ? Date.parse(r.created) : 0;
}
