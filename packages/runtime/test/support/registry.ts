import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestRegistry {
  /** `127.0.0.1:<port>` */
  readonly host: string;
  readonly port: number;
  readonly dir: string;
  /** Where the registry keeps its blobs (for tests that corrupt them). */
  readonly storageDir: string;
  readonly pid: number;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() =>
        typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port')),
      );
    });
  });
}

/**
 * Starts Debian's `docker-registry serve` (distribution 2.8) on a free loopback port in a temp
 * dir, optionally with htpasswd basic auth. Stop it with `stop()` (kills by PID).
 */
export async function startRegistry(
  opts: { auth?: { username: string; password: string } } = {},
): Promise<TestRegistry> {
  const dir = await mkdtemp(join(tmpdir(), 'berth-registry-'));
  const port = await freePort();
  const storageDir = join(dir, 'data');
  let auth = '';
  if (opts.auth) {
    const line = execFileSync('htpasswd', ['-Bbn', opts.auth.username, opts.auth.password], {
      encoding: 'utf8',
    }).trim();
    await writeFile(join(dir, 'htpasswd'), `${line}\n`);
    auth = `auth: {htpasswd: {realm: test-registry, path: ${join(dir, 'htpasswd')}}}\n`;
  }
  await writeFile(
    join(dir, 'config.yml'),
    `version: 0.1\nlog: {level: error, accesslog: {disabled: true}}\nstorage: {filesystem: {rootdirectory: ${storageDir}}, delete: {enabled: true}}\nhttp: {addr: 127.0.0.1:${port}}\n${auth}`,
  );
  const child: ChildProcess = spawn('docker-registry', ['serve', join(dir, 'config.yml')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const host = `127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      const res = await fetch(`http://${host}/v2/`);
      await res.body?.cancel();
      if (res.status === 200 || res.status === 401) break;
    } catch {
      // not up yet
    }
    if (child.exitCode !== null || i > 100) {
      child.kill('SIGKILL');
      throw new Error(`docker-registry did not start: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    host,
    port,
    dir,
    storageDir,
    pid: child.pid!,
    async stop() {
      if (child.exitCode === null) {
        process.kill(child.pid!, 'SIGTERM');
        await exited;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
