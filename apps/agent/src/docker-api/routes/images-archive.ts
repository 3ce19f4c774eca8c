import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ImageRecord } from '@berth/runtime';
import { PassThrough } from 'node:stream';
import type { DockerRouteDeps } from '../deps.js';
import { JsonStream } from '../http/json-stream.js';
import { queryOf } from '../http/query-schema.js';
import type { DockerRouter } from '../http/router.js';
import { progressBar } from '../translate/image-progress.js';
import { shortId } from '../../human-units.js';
import { isIdReference } from '../translate/image-delete.js';
import { familiar, saveNames } from '../translate/image-refs.js';
import { imageArchiveEvent } from '../translate/images.js';
import { ImageGetQuerySchema } from '../types/image.js';
import { findImage } from './image-lookup.js';

/**
 * `docker save` / `docker load`: `GET /images/get?names=…` and `GET /images/{name}/get` stream an
 * archive (OCI layout + Docker's manifest.json, as Docker 25 writes it); `POST /images/load`
 * reads one (that format, an OCI layout, or Docker ≤ 24's) and answers Docker's JSON stream.
 */
export function registerImageArchiveRoutes(router: DockerRouter, deps: DockerRouteDeps): void {
  const save = async (names: readonly string[], res: ServerResponse) => {
    const engine = deps.imageEngine;
    const all = await engine.images.list();
    const items: Array<{ record: ImageRecord; names: string[] }> = [];
    for (const n of names) {
      const r = await findImage(engine, n); // Docker's 404 before any byte
      if (!isIdReference(n, r.id) && !n.includes('@') && !/:[^/]*$/.test(n)) {
        // a bare name: every image holding a tag of that repository
        for (const other of all) {
          const tags = saveNames(n, other, false);
          if (tags.length) items.push({ record: other, names: tags });
        }
        if (items.some((i) => i.record.id === r.id)) continue;
      }
      items.push({ record: r, names: saveNames(n, r, isIdReference(n, r.id)) });
    }
    res.writeHead(200, { 'Content-Type': 'application/x-tar' });
    await engine.saveTo(items, res);
    for (const id of new Set(items.map((i) => i.record.id)))
      deps.events.publish(imageArchiveEvent('save', id, new Date()));
  };
  router.add({
    method: 'GET',
    path: '/images/get',
    handler: ({ query, res }) => save(queryOf(ImageGetQuerySchema, query, ['names']).names, res),
  });
  router.add({
    method: 'GET',
    path: '/images/{name:.*}/get',
    handler: ({ params, res }) => save([params.name!], res),
  });

  router.add({
    method: 'POST',
    path: '/images/load',
    handler: ({ query, req, res }) => {
      const quiet = query.bool('quiet');
      const stream = new JsonStream(res);
      return stream.run(async () => {
        // The request is piped, not handed over: a refused archive must not close the
        // connection before the client has read why.
        const body = new PassThrough();
        req.pipe(body);
        try {
          const loaded = await deps.images.loadArchive(body, {
            onProgress: (p) => {
              if (quiet || p.status !== 'done') return;
              stream.write({
                status: 'Loading layer',
                progressDetail: { current: p.total, total: p.total },
                progress: progressBar(p.total, p.total),
                id: shortId(p.layer),
              });
            },
          });
          for (const l of loaded) {
            deps.events.publish(imageArchiveEvent('load', l.record.id, new Date()));
            const lines = l.names.length
              ? l.names.map((n) => `Loaded image: ${familiar(n)}\n`)
              : [`Loaded image ID: ${l.record.id}\n`];
            stream.write(...lines.map((s) => ({ stream: s })));
          }
        } catch (err) {
          req.unpipe(body);
          await drain(req);
          throw err;
        }
      });
    },
  });
}

async function drain(req: IncomingMessage): Promise<void> {
  if (req.readableEnded || req.destroyed) return;
  req.resume();
  await new Promise<void>((resolve) => {
    req.once('end', resolve);
    req.once('close', resolve);
  });
}
