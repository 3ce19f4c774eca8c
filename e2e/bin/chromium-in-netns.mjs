// Runs inside the new network namespace (bin/chromium-netns): brings loopback up, listens on the
// web's loopback port there and pipes every connection to the unix socket the test runner's
// bridge serves in the host's namespace (unix sockets cross network namespaces), then starts
// Chromium with the arguments and the pipes Playwright gave (fds 3 and 4 carry the protocol).
import { execFileSync, spawn } from 'node:child_process';
import { connect, createServer } from 'node:net';

const base = new URL(process.env.BERTH_E2E_BASE_URL ?? '');
const socketPath = process.env.BERTH_E2E_WEB_SOCKET ?? '';
execFileSync('ip', ['link', 'set', 'lo', 'up']);

const server = createServer((inner) => {
  const outer = connect(socketPath);
  inner.pipe(outer).pipe(inner);
  const close = () => {
    inner.destroy();
    outer.destroy();
  };
  inner.on('error', close);
  outer.on('error', close);
});
server.listen(Number(base.port), base.hostname, () => {
  const chromium = spawn('/usr/bin/chromium', process.argv.slice(2), {
    stdio: ['inherit', 'inherit', 'inherit', 3, 4],
  });
  for (const sig of ['SIGTERM', 'SIGINT', 'SIGHUP']) {
    process.on(sig, () => chromium.kill(sig));
  }
  chromium.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
});
