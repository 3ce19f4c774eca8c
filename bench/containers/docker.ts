import { z } from 'zod';
import type { Dockerd } from '../lib/dockerd.js';
import { unixRequest } from '../lib/unix-http.js';
import { ok, runFlags, type ContainerDriver, type RunSpec } from './driver.js';

const Created = z.object({ Id: z.string().min(1) });
const Listed = z.array(z.object({ Id: z.string() }));

/** `docker run -d …`, `docker stop -t 0`, `docker rm`: a Go CLI process per command. */
export function dockerCli(d: Dockerd): ContainerDriver {
  return {
    label: 'docker CLI',
    run: async (spec) => (await d.docker(runFlags(spec))).trim(),
    async remove(id) {
      await d.docker(['stop', '-t', '0', id]);
      await d.docker(['rm', id]);
    },
  };
}

const api = (d: Dockerd, method: string, path: string, body?: unknown) =>
  unixRequest(d.socket, method, path, body);

/** The Engine API over dockerd's unix socket: create + start, stop?t=0 + DELETE. */
export function dockerRest(d: Dockerd): ContainerDriver {
  return {
    label: 'docker REST',
    async run(spec: RunSpec) {
      const body = {
        Image: spec.image,
        Cmd: [...spec.cmd],
        HostConfig: {
          NetworkMode: spec.network,
          ...(spec.memoryBytes ? { Memory: spec.memoryBytes } : {}),
        },
      };
      const { Id } = Created.parse(
        JSON.parse(ok('create', await api(d, 'POST', '/containers/create', body))),
      );
      ok('start', await api(d, 'POST', `/containers/${Id}/start`));
      return Id;
    },
    async remove(id) {
      ok('stop', await api(d, 'POST', `/containers/${id}/stop?t=0`));
      ok('rm', await api(d, 'DELETE', `/containers/${id}`));
    },
  };
}

/** Every container of this dockerd, force-removed (cleanup). Returns how many. */
export async function dockerRemoveAll(d: Dockerd): Promise<number> {
  const list = Listed.parse(JSON.parse(ok('list', await api(d, 'GET', '/containers/json?all=1'))));
  for (const c of list) ok('rm -f', await api(d, 'DELETE', `/containers/${c.Id}?force=1`));
  return list.length;
}
