import { chmod, lstat, mkdir, unlink } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import { dirname } from 'node:path';
import type { Duplex } from 'node:stream';
import { AgentError, errorMessage } from '../errors.js';
import { httpDate, type Logger } from '@berth/log';

export interface ApiServer {
  close(): Promise<void>;
}

/** What a unix-socket server serves: Berth's `Router` or the Docker API's `DockerRouter`. */
export interface HttpHandler {
  handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void>;
  handleUpgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): Promise<void>;
  /** Connections taken over by upgrades (destroyed on close). */
  readonly upgraded: Set<Duplex>;
}

/** Does anything accept connections on this unix socket? */
function isLive(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = net.connect(path);
    const done = (live: boolean) => {
      sock.destroy();
      resolve(live);
    };
    sock.once('connect', () => done(true));
    sock.once('error', () => done(false));
    sock.setTimeout(2000, () => done(true));
  });
}

/** Remove a stale socket file; refuse when a live agent owns it or the path is not a socket. */
async function clearStaleSocket(path: string, log: Logger): Promise<void> {
  const st = await lstat(path).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return null;
    throw err;
  });
  if (!st) return;
  if (!st.isSocket()) {
    throw new AgentError(
      'FAILED_PRECONDITION',
      `${path} exists and is not a socket; refusing to replace it`,
    );
  }
  if (await isLive(path)) {
    throw new AgentError('ALREADY_EXISTS', `another agent is already serving ${path}`);
  }
  log.warn(`removing stale socket ${path}`);
  await unlink(path);
}

/**
 * Serve the router on a root-only unix socket: the parent directory is created 0700 when missing,
 * the socket is created under umask 077 and then chmod 0600, so no other user can connect.
 */
export async function listenUnix(
  socketPath: string,
  router: HttpHandler,
  log: Logger,
  label = 'API',
): Promise<ApiServer> {
  await mkdir(dirname(socketPath), { recursive: true, mode: 0o700 });
  await clearStaleSocket(socketPath, log);
  const server = http.createServer((req, res) => {
    // node's own Date header is Date#toUTCString, which loads ICU's time-zone data (≈ 0.85 MB
    // resident for good, see @berth/log's time.ts): the same header, formatted without it
    res.sendDate = false;
    res.setHeader('Date', httpDate());
    void router.handle(req, res);
  });
  server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    void router.handleUpgrade(req, socket, head);
  });
  const oldUmask = process.umask(0o177);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(socketPath, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    throw new AgentError('UNAVAILABLE', `cannot listen on ${socketPath}: ${errorMessage(err)}`, {
      cause: err,
    });
  } finally {
    process.umask(oldUmask);
  }
  await chmod(socketPath, 0o600);
  log.info(`${label} listening on unix://${socketPath}`);
  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        for (const s of router.upgraded) s.destroy();
        // node removes the socket file on close; make sure even if it did not.
      }).then(() => unlink(socketPath).catch(() => undefined)),
  };
}
