import { join } from 'node:path';
import { compareText, type ContainerRecord } from '@berth/runtime';
import { AgentError } from '../../errors.js';
import { networkNaming, type DockerRouteDeps } from '../deps.js';
import { Reply } from '../http/reply.js';
import type { DockerRouter } from '../http/router.js';
import { ContainerUpdateBodySchema } from '../types/container-create.js';
import { containerNameOf } from '../translate/create.js';
import { CONTAINER_LIST_FILTERS, containerMatches, toDockerSummary } from '../translate/list.js';
import { labelMatches, labelsMatch, parseFilters, parseTimeFilter } from '../translate/filters.js';
import { toBerthUpdate } from '../translate/update.js';
import { findContainer, isLive } from './lookup.js';

/** List, rename, update, top, prune. */
export function registerContainerMoreRoutes(router: DockerRouter, deps: DockerRouteDeps): void {
  const c = deps.containers;
  const volumeMountpoint = (name: string) => join(deps.dataRoot, 'volumes', name, '_data');

  router.add({
    method: 'GET',
    path: '/containers/json',
    handler: async ({ query }) => {
      const filters = parseFilters(query.string('filters'), CONTAINER_LIST_FILTERS);
      const limit = query.int('limit', { min: -1 });
      const all =
        query.bool('all') ||
        (limit !== undefined && limit > 0) ||
        filters.has('status') ||
        filters.has('exited');
      const ancestors = await resolveAncestors(deps, filters.get('ancestor') ?? []);
      let recs = c
        .records()
        .filter((r) => all || isLive(r))
        .sort((a, b) => compareText(b.createdAt, a.createdAt));
      const before = filters.get('before')?.[0];
      const since = filters.get('since')?.[0];
      if (before) {
        const ref = findContainer(c, before);
        recs = recs.filter((r) => r.createdAt < ref.createdAt);
      }
      if (since) {
        const ref = findContainer(c, since);
        recs = recs.filter((r) => r.createdAt > ref.createdAt);
      }
      const naming = networkNaming(deps);
      recs = recs.filter((r) =>
        containerMatches(
          r,
          filters,
          (v, rec) => ancestors.get(v)?.has(rec.image.ref ?? '') ?? false,
          naming,
        ),
      );
      if (limit !== undefined && limit > 0) recs = recs.slice(0, limit);
      const now = new Date();
      return recs.map((r) =>
        toDockerSummary(r, now, volumeMountpoint, naming, c.health.status(r.id)),
      );
    },
  });

  router.add({
    method: 'POST',
    path: '/containers/{name:.*}/rename',
    handler: async ({ params, query }) => {
      const rec = findContainer(c, params.name!);
      const name = containerNameOf(query.string('name'));
      if (!name) throw new AgentError('INVALID_ARGUMENT', 'Neither old nor new names may be empty');
      await c.rename(rec.id, name);
      return Reply.noContent();
    },
  });

  router.add({
    method: 'POST',
    path: '/containers/{name:.*}/update',
    body: ContainerUpdateBodySchema,
    handler: async ({ params, body }) => {
      const rec = findContainer(c, params.name!);
      await c.update(rec.id, toBerthUpdate(body));
      return { Warnings: [] };
    },
  });

  router.add({
    method: 'GET',
    path: '/containers/{name:.*}/top',
    handler: async ({ params, query }) => {
      const rec = findContainer(c, params.name!);
      const psArgs = query.string('ps_args');
      if (psArgs && psArgs !== '-ef')
        throw new AgentError(
          'INVALID_ARGUMENT',
          `ps_args "${psArgs.slice(0, 40)}" is not supported by Berth (only -ef)`,
        );
      if (!isLive(rec))
        throw new AgentError('FAILED_PRECONDITION', `Container ${rec.id} is not running`);
      const top = await c.top(rec.id);
      return { Titles: top.titles, Processes: top.processes };
    },
  });

  router.add({
    method: 'POST',
    path: '/containers/prune',
    handler: async ({ query }) => {
      const filters = parseFilters(query.string('filters'), ['label', 'label!', 'until']);
      const until = filters.get('until')?.[0];
      const cutoff = until ? parseTimeFilter(until, new Date()) : null;
      const deleted: string[] = [];
      for (const r of c.records()) {
        if (r.state !== 'exited' && r.state !== 'created') continue;
        if (!prunable(r, filters, cutoff)) continue;
        try {
          await c.remove(r.id, false);
          deleted.push(r.id);
        } catch (err) {
          deps.log.warn(
            `prune: ${r.id.slice(0, 12)}: ${err instanceof Error ? err.message : String(err)}`,
          );
        }
      }
      return { ContainersDeleted: deleted, SpaceReclaimed: 0 };
    },
  });
}

function prunable(
  r: ContainerRecord,
  filters: ReturnType<typeof parseFilters>,
  cutoff: Date | null,
): boolean {
  if (cutoff && Date.parse(r.createdAt) >= cutoff.getTime()) return false;
  if (!labelsMatch(filters, r.labels)) return false;
  return !(filters.get('label!') ?? []).some((f) => labelMatches(f, r.labels));
}

/** `ancestor=busybox` → the image IDs it names (unknown images match nothing). */
async function resolveAncestors(
  deps: DockerRouteDeps,
  refs: readonly string[],
): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  for (const ref of refs) {
    const ids = new Set<string>();
    try {
      ids.add((await deps.imageEngine.resolve(ref)).id);
    } catch {
      if (/^(sha256:)?[0-9a-f]{12,64}$/.test(ref))
        ids.add(ref.startsWith('sha256:') ? ref : `sha256:${ref}`);
    }
    out.set(ref, ids);
  }
  return out;
}
