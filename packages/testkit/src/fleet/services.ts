import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { freePort } from '../ports.js';
import { isAlive, startLogged, stopPid } from '../processes.js';
import { waitFor } from '../wait.js';

export interface Service {
  pid: number;
  port: number;
  stop(): Promise<void>;
}

const tail = async (file: string) => (await readFile(file, 'utf8').catch(() => '')).slice(-2000);

/** Debian's redis-server on 127.0.0.1 at a free port, no persistence, logs in `dir`. */
export async function startRedis(dir: string): Promise<Service & { url: string }> {
  const port = await freePort();
  const log = join(dir, 'redis.log');
  const child = startLogged(
    '/usr/bin/redis-server',
    [
      '--bind',
      '127.0.0.1',
      '--port',
      String(port),
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      dir,
    ],
    process.env,
    log,
  );
  const pid = child.pid!;
  await waitFor(
    'redis-server',
    async () => ((await tail(log)).includes('Ready to accept connections') ? true : undefined),
    { giveUp: () => (isAlive(pid) ? undefined : `exited: ${log}`), timeoutMs: 20_000 },
  );
  return { pid, port, url: `redis://127.0.0.1:${port}`, stop: () => stopPid(pid) };
}

export interface Backend {
  name: string;
  port: number;
}

/** The HAProxy configuration: websocket-friendly timeouts, fast health checks, redispatch. */
export function haproxyConfig(port: number, backends: readonly Backend[]): string {
  return [
    'global',
    '  maxconn 8000',
    'defaults',
    '  mode http',
    '  timeout connect 2s',
    '  timeout client 1h',
    '  timeout server 1h',
    '  timeout tunnel 1h',
    '  option redispatch',
    '  retries 3',
    'frontend web',
    `  bind 127.0.0.1:${port}`,
    '  default_backend replicas',
    'backend replicas',
    '  balance roundrobin',
    // A TCP check: a replica that stopped listening is out within a second; a busy one is not.
    '  timeout check 5s',
    ...backends.map(
      (b) => `  server ${b.name} 127.0.0.1:${b.port} check inter 500ms fall 2 rise 2`,
    ),
    '',
  ].join('\n');
}

/** Debian's haproxy in the foreground (-db) in front of `backends`, on a free loopback port. */
export async function startHaproxy(
  dir: string,
  backends: readonly Backend[],
  port: number,
): Promise<Service> {
  const cfg = join(dir, 'haproxy.cfg');
  await writeFile(cfg, haproxyConfig(port, backends));
  const log = join(dir, 'haproxy.log');
  const child = startLogged('/usr/sbin/haproxy', ['-db', '-f', cfg], process.env, log);
  const pid = child.pid!;
  await waitFor(
    'haproxy',
    async () => ((await fetch(`http://127.0.0.1:${port}/login`)).ok ? true : undefined),
    { giveUp: () => (isAlive(pid) ? undefined : `exited: ${log}: ${cfg}`), timeoutMs: 30_000 },
  );
  return { pid, port, stop: () => stopPid(pid) };
}

export interface Replica extends Service {
  name: string;
  /** SIGKILL, as a crash. */
  kill(): void;
}

/** One web replica (apps/web/dist/server/main.js) on a free loopback port. */
export async function startReplica(opts: {
  mainJs: string;
  cwd: string;
  name: string;
  dir: string;
  env: Record<string, string>;
}): Promise<Replica> {
  const port = await freePort();
  const log = join(opts.dir, `${opts.name}.log`);
  const child = startLogged(
    process.execPath,
    [opts.mainJs],
    {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      HOST: '127.0.0.1',
      PORT: String(port),
      BERTH_REPLICA_NAME: opts.name,
      ...opts.env,
    },
    log,
    { cwd: opts.cwd },
  );
  const pid = child.pid!;
  await waitFor(
    `web replica ${opts.name}`,
    async () => ((await tail(log)).includes('Berth web listening on') ? true : undefined),
    {
      giveUp: () => (isAlive(pid) ? undefined : `exited:\n${log}`),
      timeoutMs: 120_000,
      intervalMs: 200,
    },
  ).catch(async (err: unknown) => {
    await stopPid(pid);
    throw new Error(`${String(err)}\n${await tail(log)}`);
  });
  return {
    pid,
    port,
    name: opts.name,
    stop: () => stopPid(pid, 10_000),
    kill: () => {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone already
      }
    },
  };
}
