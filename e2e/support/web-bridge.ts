import { connect, createServer, type Socket } from 'node:net';
import { rmSync } from 'node:fs';

/**
 * The host-namespace end of Chromium's way to the web (bin/chromium-netns): a unix socket
 * whose every connection is piped to the web's loopback port. Returns its close.
 */
export async function startWebBridge(
  socketPath: string,
  web: { host: string; port: number },
): Promise<() => Promise<void>> {
  rmSync(socketPath, { force: true });
  const open = new Set<Socket>();
  const server = createServer((inner) => {
    const outer = connect(web.port, web.host);
    open.add(inner).add(outer);
    inner.pipe(outer).pipe(inner);
    const close = () => {
      inner.destroy();
      outer.destroy();
      open.delete(inner);
      open.delete(outer);
    };
    inner.on('close', close).on('error', close);
    outer.on('close', close).on('error', close);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => resolve());
  });
  return () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      for (const s of open) s.destroy();
      rmSync(socketPath, { force: true });
    });
}
