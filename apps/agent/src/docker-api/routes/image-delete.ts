import type { ImageRecord } from '@berth/runtime';
import { AgentError } from '../../errors.js';
import type { DockerRouteDeps } from '../deps.js';
import { labelMatches, parseFilters, parseTimeFilter } from '../translate/filters.js';
import { IMAGE_PRUNE_FILTERS } from '../translate/image-filters.js';
import { deleteItems, planImageDelete, type ImageUser } from '../translate/image-delete.js';
import type { DockerDeleteItem } from '../types/image.js';
import { chainSizes, findImage, readImageConfig } from './image-lookup.js';
import { isLive } from './lookup.js';

/** Containers (any state) created from the image. */
function usersOf(deps: DockerRouteDeps, imageId: string): ImageUser[] {
  return deps.containers
    .records()
    .filter((c) => c.image.ref === imageId)
    .map((c) => ({ id: c.id, running: isLive(c) }));
}

/** Pure: the layer chains only this image holds (what deleting it frees), top first. */
export function exclusiveChains(r: ImageRecord, all: readonly ImageRecord[]): string[] {
  const others = new Set(
    all.filter((o) => o.id !== r.id).flatMap((o) => o.layers.map((l) => l.chainId as string)),
  );
  return r.layers
    .map((l) => l.chainId as string)
    .filter((c) => !others.has(c))
    .reverse();
}

/** `DELETE /images/{name}`: moby's decision (see planImageDelete), done with Berth's engine. */
export async function deleteImage(
  deps: DockerRouteDeps,
  ref: string,
  force: boolean,
): Promise<DockerDeleteItem[]> {
  const engine = deps.imageEngine;
  const r = await findImage(engine, ref);
  const plan = planImageDelete(r, ref, force, usersOf(deps, r.id));
  const freed = plan.delete ? exclusiveChains(r, await engine.images.list()) : [];
  for (const name of plan.untag) await engine.untag(name);
  const deleted: string[] = [];
  if (plan.delete) {
    const removed = await engine.remove(r.id, { force: true });
    if (removed.deleted.length) deleted.push(r.id, ...freed);
  }
  return deleteItems(plan.untag, deleted);
}

/**
 * `POST /images/prune`: dangling images (or, with `dangling=false`, every image no container
 * uses), narrowed by `until` and `label` / `label!`; images in use are skipped, as Docker skips
 * them.
 */
export async function pruneImages(
  deps: DockerRouteDeps,
  rawFilters: string | undefined,
): Promise<{ ImagesDeleted: DockerDeleteItem[] | null; SpaceReclaimed: number }> {
  const engine = deps.imageEngine;
  const f = parseFilters(rawFilters, IMAGE_PRUNE_FILTERS);
  const dangling = f.get('dangling') ?? ['true'];
  const danglingOnly = !dangling.some((v) => v === 'false' || v === '0');
  if (danglingOnly && !dangling.every((v) => v === 'true' || v === '1'))
    throw new AgentError('INVALID_ARGUMENT', `invalid filter 'dangling=${dangling[0]}'`);
  const untilRaw = f.get('until')?.at(-1);
  const until = untilRaw === undefined ? undefined : parseTimeFilter(untilRaw, new Date());
  const sizes = await chainSizes(engine);
  const items: DockerDeleteItem[] = [];
  for (const r of await engine.images.list()) {
    if (danglingOnly && r.repoTags.length > 0) continue;
    if (until && r.created && Date.parse(r.created) > until.getTime()) continue;
    const labels = ((await readImageConfig(engine, r)).config?.Labels ?? {}) as Record<
      string,
      string
    >;
    if (!(f.get('label') ?? []).every((l) => labelMatches(l, labels))) continue;
    if ((f.get('label!') ?? []).some((l) => labelMatches(l, labels))) continue;
    const names = [...r.repoTags, ...r.repoDigests];
    for (const ref of names.length ? names : [r.id]) {
      try {
        items.push(...(await deleteImage(deps, ref, false)));
      } catch (err) {
        if (err instanceof AgentError && err.code === 'FAILED_PRECONDITION') break; // in use
        if (err instanceof Error && 'code' in err && err.code === 'NOT_FOUND') continue;
        throw err;
      }
    }
  }
  const reclaimed = items.reduce(
    (n, i) => n + ('Deleted' in i && i.Deleted !== '' ? sizes.size(i.Deleted) : 0),
    0,
  );
  return { ImagesDeleted: items.length ? items : null, SpaceReclaimed: reclaimed };
}
