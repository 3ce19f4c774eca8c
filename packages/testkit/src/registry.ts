import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { freePort } from './ports.js';
import { startLogged, stopPid } from './processes.js';
import { makeTempDir } from './temp.js';
import { waitFor } from './wait.js';

export interface RegistryAuth {
  username: string;
  password: string;
}

export interface TestRegistry {
  /** `127.0.0.1:<port>` */
  readonly host: string;
  readonly port: number;
  readonly dir: string;
  /** Where the registry keeps its blobs (for tests that corrupt them). */
  readonly storageDir: string;
  readonly pid: number;
  /** Stops it by PID (SIGTERM, then SIGKILL) and removes its directory. */
  stop(): Promise<void>;
}

function registryConfig(storageDir: string, port: number, htpasswd?: string): string {
  const auth = htpasswd ? `auth: {htpasswd: {realm: test-registry, path: ${htpasswd}}}\n` : '';
  return (
    'version: 0.1\n' +
    'log: {level: error, accesslog: {disabled: true}}\n' +
    `storage: {filesystem: {rootdirectory: ${storageDir}}, delete: {enabled: true}}\n` +
    `http: {addr: 127.0.0.1:${port}}\n${auth}`
  );
}

/**
 * Starts Debian's `docker-registry serve` (distribution 2.8) on a free 127.0.0.1 port in a temp
 * dir, in its own process group, optionally with htpasswd (bcrypt) basic auth.
 */
export async function startRegistry(opts: { auth?: RegistryAuth } = {}): Promise<TestRegistry> {
  const dir = await makeTempDir('registry');
  const port = await freePort();
  const storageDir = join(dir, 'data');
  let htpasswd: string | undefined;
  if (opts.auth) {
    htpasswd = join(dir, 'htpasswd');
    const line = execFileSync('htpasswd', ['-Bbn', opts.auth.username, opts.auth.password], {
      encoding: 'utf8',
    }).trim();
    await writeFile(htpasswd, `${line}\n`);
  }
  const config = join(dir, 'config.yml');
  await writeFile(config, registryConfig(storageDir, port, htpasswd));
  const log = join(dir, 'registry.log');
  const child = startLogged('docker-registry', ['serve', config], process.env, log);
  const pid = child.pid!;
  let exited = false;
  child.once('exit', () => (exited = true));
  const host = `127.0.0.1:${port}`;
  const stop = async () => {
    await stopPid(pid);
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await waitFor(
      `docker-registry on ${host}`,
      async () => {
        const res = await fetch(`http://${host}/v2/`);
        await res.body?.cancel();
        return res.status === 200 || res.status === 401 ? true : undefined;
      },
      { timeoutMs: 10_000, intervalMs: 50, giveUp: () => (exited ? 'it exited' : undefined) },
    );
  } catch (err) {
    const output = readFileSync(log, 'utf8').slice(-2000);
    await stop();
    throw new Error(`docker-registry did not start: ${(err as Error).message}\n${output}`);
  }
  return { host, port, dir, storageDir, pid, stop };
}
