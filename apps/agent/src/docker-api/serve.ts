import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { listenUnix, type ApiServer, type HttpHandler } from '../api/unix-socket.js';
import { errorMessage } from '../errors.js';
import { loadOnce } from '../load-once.js';
import type { DockerApiDeps } from './deps.js';
import { EventLog } from './events/event-log.js';

const NONE: Set<Duplex> = new Set();

/**
 * Serves the Docker Engine API on a root-only (0600) unix socket. The socket listens from the
 * start, and the event log records from the start (`docker events --since` sees what happened
 * before the first client); the routes, translators and their schemas (index.ts) are loaded by the
 * first request — an agent no Docker client talks to does not hold them (see bench/README.md).
 */
export function listenDockerApi(socketPath: string, deps: DockerApiDeps): Promise<ApiServer> {
  const events = new EventLog(deps.containers, () => deps.networks.builtinId());
  let router: HttpHandler | null = null;
  const loadRouter = loadOnce(() =>
    import('./index.js').then((m) => (router = m.createDockerRouter(deps, events))),
  );
  const load = async (): Promise<HttpHandler | null> => {
    try {
      return await loadRouter();
    } catch (err) {
      // a broken install: answered 500, the next request tries again
      deps.log.error(`Docker API: cannot load its routes: ${errorMessage(err)}`);
      return null;
    }
  };
  const handler: HttpHandler = {
    async handle(req: IncomingMessage, res: ServerResponse) {
      const r = router ?? (await load());
      if (r) return r.handle(req, res);
      res.writeHead(500, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ message: 'the Docker API is not available' }));
    },
    async handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer) {
      const r = router ?? (await load());
      if (r) return r.handleUpgrade(req, socket, head);
      socket.destroy();
    },
    get upgraded() {
      return router?.upgraded ?? NONE;
    },
  };
  return listenUnix(socketPath, handler, deps.log, 'Docker API');
}
