import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { extractInto, packTree, resolveInRoot, statInRoot } from '@berth/runtime';
import { AgentError } from '../../errors.js';
import type { DockerRouteDeps } from '../deps.js';
import { Reply } from '../http/reply.js';
import type { DockerRouter } from '../http/router.js';
import { pathStatHeader } from '../translate/path-stat.js';
import { findContainer } from './lookup.js';

const STAT_HEADER = 'X-Docker-Container-Path-Stat';

function pathParam(raw: string | undefined): string {
  if (!raw) throw new AgentError('INVALID_ARGUMENT', 'Bad parameters: path is required');
  if (raw.includes('\0')) throw new AgentError('INVALID_ARGUMENT', 'path contains NUL');
  return raw.startsWith('/') ? raw : `/${raw}`;
}

const notFoundIn = (path: string, id: string) =>
  new AgentError('NOT_FOUND', `Could not find the file ${path} in container ${id}`);

const isNotFound = (err: unknown) =>
  err instanceof Error && 'code' in err && (err as { code: unknown }).code === 'NOT_FOUND';

/**
 * `docker cp` (HEAD/GET/PUT `/containers/{id}/archive`) and `docker export`. Paths are resolved
 * inside the container's filesystem by the runtime (symlinks followed in scope, never out of
 * it), with the container frozen while the copy runs.
 */
export function registerArchiveRoutes(router: DockerRouter, deps: DockerRouteDeps): void {
  const c = deps.containers;
  const stat = async (id: string, path: string) =>
    c
      .withFilesystem(id, 'mounts', (root) => statInRoot(root, path))
      .catch((err: unknown) => {
        throw isNotFound(err) ? notFoundIn(path, id) : err;
      });

  router.add({
    method: 'HEAD',
    path: '/containers/{name:.*}/archive',
    handler: async ({ params, query }) => {
      const rec = findContainer(c, params.name!);
      const s = await stat(rec.id, pathParam(query.string('path')));
      return new Reply(200, undefined, { [STAT_HEADER]: pathStatHeader(s) });
    },
  });

  router.add({
    method: 'GET',
    path: '/containers/{name:.*}/archive',
    handler: async ({ params, query, res }) => {
      const rec = findContainer(c, params.name!);
      const path = pathParam(query.string('path'));
      await c.withFilesystem(rec.id, 'mounts', async (root) => {
        const s = await statInRoot(root, path).catch((err: unknown) => {
          throw isNotFound(err) ? notFoundIn(path, rec.id) : err;
        });
        const at = await resolveInRoot(root, path, { followFinal: false });
        res.writeHead(200, {
          'Content-Type': 'application/x-tar',
          [STAT_HEADER]: pathStatHeader(s),
        });
        const base = posix.basename(path.replace(/\/+$/, '')) || '.';
        await pipeline(packTree(at.hostPath, base), res).catch(() => res.destroy());
      });
    },
  });

  router.add({
    method: 'PUT',
    path: '/containers/{name:.*}/archive',
    handler: async ({ params, query, req }) => {
      const rec = findContainer(c, params.name!);
      const path = pathParam(query.string('path'));
      const tmpRoot = join(deps.dataRoot, 'tmp');
      await mkdir(tmpRoot, { recursive: true, mode: 0o700 });
      const dir = await mkdtemp(join(tmpRoot, 'cp-'));
      try {
        const file = join(dir, 'archive.tar');
        await pipeline(req, createWriteStream(file, { mode: 0o600 }));
        await c
          .withFilesystem(rec.id, 'mounts', (root) =>
            extractInto(root, path, file, {
              copyOwnership: query.bool('copyUIDGID'),
              noOverwriteDirNonDir: query.bool('noOverwriteDirNonDir'),
            }),
          )
          .catch((err: unknown) => {
            throw isNotFound(err) ? notFoundIn(path, rec.id) : err;
          });
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
      return new Reply(200);
    },
  });

  router.add({
    method: 'GET',
    path: '/containers/{name:.*}/export',
    handler: async ({ params, res }) => {
      const rec = findContainer(c, params.name!);
      await c.withFilesystem(rec.id, 'rootfs', async (root) => {
        res.writeHead(200, { 'Content-Type': 'application/x-tar' });
        await pipeline(packTree(root, ''), res).catch(() => res.destroy());
      });
    },
  });
}
