import { randomBytes } from 'node:crypto';
import { AgentError } from '../../errors.js';
import type { DockerRouteDeps } from '../deps.js';
import { Reply } from '../http/reply.js';
import type { DockerRouter } from '../http/router.js';
import { volumeEvent } from '../translate/events.js';
import { labelMatches, labelsMatch, parseFilters } from '../translate/filters.js';
import { VOLUME_LIST_FILTERS, toDockerVolume, volumeMatches } from '../translate/volumes.js';
import { unsupported } from '../translate/unsupported.js';
import { VolumeCreateBodySchema } from '../types/volume.js';
import { dirSize } from './dir-size.js';

const isCode = (err: unknown, code: string) =>
  err instanceof Error && 'code' in err && (err as { code: unknown }).code === code;

/** `/volumes`: list, create, inspect, remove, prune. */
export function registerVolumeRoutes(router: DockerRouter, deps: DockerRouteDeps): void {
  const c = deps.containers;
  const inspect = async (name: string) => {
    try {
      return await c.volume(name);
    } catch (err) {
      if (isCode(err, 'NOT_FOUND'))
        throw new AgentError('NOT_FOUND', `get ${name}: no such volume`);
      throw err;
    }
  };

  router.add({
    method: 'GET',
    path: '/volumes',
    handler: async ({ query }) => {
      const f = parseFilters(query.string('filters'), VOLUME_LIST_FILTERS);
      const all = await c.volumes();
      return {
        Volumes: all.filter((v) => volumeMatches(v, f)).map((v) => toDockerVolume(v)),
        Warnings: null,
      };
    },
  });

  router.add({
    method: 'POST',
    path: '/volumes/create',
    body: VolumeCreateBodySchema,
    handler: async ({ body }) => {
      if (body.Driver && body.Driver !== 'local') throw unsupported('volume driver', body.Driver);
      if (body.DriverOpts && Object.keys(body.DriverOpts).length)
        throw unsupported('volume DriverOpts');
      const name = body.Name || randomBytes(32).toString('hex');
      try {
        const v = await c.createVolume(name, body.Labels ?? {});
        deps.events.publish(volumeEvent('create', v.name, new Date()));
        return Reply.created(toDockerVolume(v));
      } catch (err) {
        // Docker answers an existing volume of the same driver as if it had created it
        if (isCode(err, 'ALREADY_EXISTS'))
          return Reply.created(toDockerVolume(await c.volume(name)));
        throw err;
      }
    },
  });

  router.add({
    method: 'GET',
    path: '/volumes/{name}',
    handler: async ({ params }) => toDockerVolume(await inspect(params.name!)),
  });

  router.add({
    method: 'DELETE',
    path: '/volumes/{name}',
    handler: async ({ params, query }) => {
      const v = await inspect(params.name!);
      if (v.usedBy.length)
        throw new AgentError(
          'FAILED_PRECONDITION',
          `remove ${v.name}: volume is in use - [${v.usedBy.join(', ')}]`,
        );
      await c.removeVolume(v.name, query.bool('force'));
      deps.events.publish(volumeEvent('destroy', v.name, new Date()));
      return Reply.noContent();
    },
  });

  router.add({
    method: 'POST',
    path: '/volumes/prune',
    handler: async ({ query }) => {
      const f = parseFilters(query.string('filters'), ['label', 'label!', 'all']);
      const deleted: string[] = [];
      let reclaimed = 0;
      for (const v of await c.volumes()) {
        if (v.usedBy.length || !labelsMatch(f, v.labels)) continue;
        if ((f.get('label!') ?? []).some((l) => labelMatches(l, v.labels))) continue;
        const size = await dirSize(v.mountpoint);
        try {
          await c.removeVolume(v.name, false);
        } catch (err) {
          deps.log.warn(
            `volume prune: ${v.name}: ${err instanceof Error ? err.message : String(err)}`,
          );
          continue;
        }
        deps.events.publish(volumeEvent('destroy', v.name, new Date()));
        deleted.push(v.name);
        reclaimed += size;
      }
      return { VolumesDeleted: deleted, SpaceReclaimed: reclaimed };
    },
  });
}
