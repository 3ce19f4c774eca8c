import { AGENT_VERSION } from '../../version.js';
import type { DockerRouteDeps } from '../deps.js';
import type { DockerRouter } from '../http/router.js';
import { toDockerInfo, toDockerVersion } from '../translate/system.js';

/** `/_ping` (GET, HEAD), `/version`, `/info`. */
export function registerSystemRoutes(router: DockerRouter, deps: DockerRouteDeps): void {
  for (const method of ['GET', 'HEAD'] as const) {
    router.add({
      method,
      path: '/_ping',
      handler: ({ res }) => {
        res.writeHead(200, {
          'Content-Type': 'text/plain; charset=utf-8',
          'Cache-Control': 'no-cache, no-store, must-revalidate',
          Pragma: 'no-cache',
          Swarm: 'inactive',
          'Content-Length': method === 'HEAD' ? '0' : '2',
        });
        res.end(method === 'HEAD' ? undefined : 'OK');
      },
    });
  }
  router.add({
    method: 'GET',
    path: '/version',
    handler: async () => toDockerVersion(await deps.info(), AGENT_VERSION),
  });
  router.add({
    method: 'GET',
    path: '/info',
    handler: async () => {
      const info = await deps.info();
      const states = deps.containers.records().map((r) => r.state);
      const running = states.filter((s) => s === 'running').length;
      const paused = states.filter((s) => s === 'paused').length;
      const images = (await deps.imageEngine.images.list()).length;
      return toDockerInfo(
        info,
        { running, paused, stopped: states.length - running - paused, images },
        new Date(),
        AGENT_VERSION,
      );
    },
  });
}
