import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { freePort } from '../ports.js';
import { percentile } from './percentile.js';
import { usageMeter } from './proc-usage.js';
import { startHaproxy, startRedis, startReplica, type Replica, type Service } from './services.js';
import { startSimAgent, type SimAgent } from './sim-agent.js';
import { seriesKey, startSimBrowser, type Series, type SimBrowser } from './sim-browser.js';

export interface FleetOptions {
  /** apps/web/dist/server/main.js and the folder to run it in (apps/web). */
  webMainJs: string;
  webCwd: string;
  /** A fresh, empty PostgreSQL database shared by the replicas. */
  databaseUrl: string;
  adapter: 'postgres' | 'redis';
  agents: number;
  containers: number;
  replicas: number;
  browsers: number;
  seconds: number;
  /** Series each browser watches (default 10). */
  watchPerBrowser?: number;
  /** SIGKILL the last replica halfway through the measured window. */
  killReplica?: boolean;
  /** Temp dir for logs and configs. */
  dir: string;
  log?: (line: string) => void;
}

export interface ReplicaFigures {
  name: string;
  cpuCores: number | null;
  rssMb: number | null;
}

export interface FleetReport {
  adapter: 'postgres' | 'redis';
  agents: number;
  containers: number;
  replicas: ReplicaFigures[];
  browsers: number;
  seconds: number;
  /** Watched samples the agents sent in the window, once per watching browser. */
  samples: number;
  /** Of those, not received (outside the failover window). */
  dropped: number;
  /** Samples lost while a killed replica's agents and browsers came back. */
  droppedInFailover: number;
  relayP50Ms: number | null;
  relayP99Ms: number | null;
  /** Distinct series watched, and how many every watching browser received at least once. */
  seriesWatched: number;
  seriesSeenByAll: number;
  /** Rows inserted+updated+deleted per second and transactions per second in the database. */
  dbRowWritesPerSec: number;
  dbCommitsPerSec: number;
  /** Seconds from the kill until every agent and browser was back (null without a kill). */
  failoverReconnectS: number | null;
  killedReplica: string | null;
  /** Container samples produced by the simulated agents per second (watched or not). */
  producedPerSec: number;
}

export interface Fleet {
  baseUrl: string;
  replicas: Replica[];
  agents: SimAgent[];
  browsers: SimBrowser[];
  cookie: string;
  /** Logs in again (a fresh session cookie). */
  login(): Promise<string>;
  api<T>(method: string, path: string, body?: unknown): Promise<T>;
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function inBatches<T, R>(items: readonly T[], size: number, fn: (t: T) => Promise<R>) {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) {
    out.push(...(await Promise.all(items.slice(i, i + size).map(fn))));
  }
  return out;
}

/**
 * Starts the fleet: R web replicas on one PostgreSQL behind HAProxy (with Redis for the redis
 * adapter), N simulated agents enrolled through the real join-token flow, K browser sockets
 * watching `watchPerBrowser` series each, all through HAProxy.
 */
export async function startFleet(opts: FleetOptions): Promise<Fleet> {
  const log = opts.log ?? (() => undefined);
  const services: Service[] = [];
  const replicas: Replica[] = [];
  const agents: SimAgent[] = [];
  const browsers: SimBrowser[] = [];
  const stop = async () => {
    for (const b of browsers) b.stop();
    for (const a of agents) a.stop();
    await Promise.allSettled(replicas.map((r) => r.stop()));
    await Promise.allSettled(services.map((s) => s.stop()));
  };
  try {
    const proxyPort = await freePort();
    const baseUrl = `http://127.0.0.1:${proxyPort}`;
    const adminPassword = randomBytes(12).toString('base64url');
    const env: Record<string, string> = {
      DATABASE_URL: opts.databaseUrl,
      BERTH_CLUSTER: opts.adapter,
      BERTH_PUBLIC_URL: baseUrl,
      BERTH_ADMIN_PASSWORD: adminPassword,
    };
    if (opts.adapter === 'redis') {
      const redis = await startRedis(opts.dir);
      services.push(redis);
      env.BERTH_REDIS_URL = redis.url;
    }
    const start = (i: number) =>
      startReplica({
        mainJs: opts.webMainJs,
        cwd: opts.webCwd,
        name: `web${i + 1}`,
        dir: opts.dir,
        env,
      });
    // The first replica applies the migrations; the others start on a migrated database.
    replicas.push(await start(0));
    replicas.push(
      ...(await Promise.all(Array.from({ length: opts.replicas - 1 }, (_, i) => start(i + 1)))),
    );
    log(`replicas: ${replicas.map((r) => `${r.name} :${r.port} pid ${r.pid}`).join(', ')}`);
    services.push(
      await startHaproxy(
        opts.dir,
        replicas.map((r) => ({ name: r.name, port: r.port })),
        proxyPort,
      ),
    );

    const login = async () => {
      const res = await fetch(`${baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: baseUrl },
        body: JSON.stringify({ username: 'admin', password: adminPassword }),
      });
      if (!res.ok) throw new Error(`login → ${res.status}: ${await res.text()}`);
      const c = res.headers.getSetCookie().find((x) => x.startsWith('berth_session='));
      if (!c) throw new Error('login set no session cookie');
      return c.split(';')[0]!;
    };
    const cookie = await login();
    const api = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
      const res = await fetch(baseUrl + path, {
        method,
        headers: {
          cookie,
          origin: baseUrl,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${text.slice(0, 300)}`);
      return (text ? JSON.parse(text) : null) as T;
    };

    const names = Array.from(
      { length: opts.agents },
      (_, i) => `sim-${String(i).padStart(4, '0')}`,
    );
    agents.push(
      ...(await inBatches(names, 10, async (name) => {
        const created = await api<{ joinToken: string }>('POST', '/api/hosts', { name });
        return startSimAgent({
          baseUrl,
          joinToken: created.joinToken,
          name,
          containers: opts.containers,
        });
      })),
    );
    const want = new Set(agents.map((a) => a.hostId));
    for (let i = 0; ; i++) {
      const { hosts } = await api<{ hosts: { id: string; status: string }[] }>('GET', '/api/hosts');
      const online = hosts.filter((h) => want.has(h.id) && h.status === 'online').length;
      if (online === want.size) break;
      if (i > 600) throw new Error(`only ${online}/${want.size} hosts online`);
      await sleep(100);
    }
    log(`${agents.length} agents online`);

    const per = opts.watchPerBrowser ?? 10;
    browsers.push(
      ...(await inBatches(
        Array.from({ length: opts.browsers }, (_, k) => k),
        10,
        (k) =>
          startSimBrowser({
            url: baseUrl,
            origin: baseUrl,
            cookie,
            watch: Array.from({ length: per }, (_, j): Series => {
              const agent = agents[(k * per + j) % agents.length]!;
              return {
                hostId: agent.hostId,
                containerId: agent.containers[(k + j) % agent.containers.length]!.id,
              };
            }),
          }),
      )),
    );
    log(`${browsers.length} browsers watching ${per} series each`);
    return { baseUrl, replicas, agents, browsers, cookie, login, api, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

async function dbCounters(url: string): Promise<{ rows: number; commits: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const r = await client.query<{ rows: string; commits: string }>(
      `SELECT tup_inserted + tup_updated + tup_deleted AS rows, xact_commit AS commits
         FROM pg_stat_database WHERE datname = current_database()`,
    );
    return { rows: Number(r.rows[0]?.rows ?? 0), commits: Number(r.rows[0]?.commits ?? 0) };
  } finally {
    await client.end();
  }
}

/** Measures a running fleet for `seconds` (optionally killing the last replica halfway). */
export async function measureFleet(
  fleet: Fleet,
  opts: Pick<FleetOptions, 'seconds' | 'killReplica' | 'databaseUrl' | 'log'> & {
    warmupSeconds?: number;
  },
): Promise<Omit<FleetReport, 'adapter' | 'agents' | 'containers' | 'browsers'>> {
  const log = opts.log ?? (() => undefined);
  await sleep((opts.warmupSeconds ?? 3) * 1000);
  const meter = usageMeter(fleet.replicas.map((r) => r.pid));
  const db0 = await dbCounters(opts.databaseUrl);
  const t0 = Date.now();
  meter.start();
  let killedAt: number | null = null;
  let backAt: number | null = null;
  let killed: Replica | null = null;
  if (opts.killReplica && fleet.replicas.length > 1) {
    await sleep((opts.seconds * 1000) / 2);
    killed = fleet.replicas[fleet.replicas.length - 1]!;
    const kill = Date.now();
    killedAt = kill;
    killed.kill();
    log(`killed ${killed.name} (pid ${killed.pid})`);
    // Who lost its connection shows within a few seconds; each is back when it reconnected
    // (a browser: and re-subscribed) after that.
    for (;;) {
      await sleep(100);
      const lost = [
        ...fleet.agents.map((a) => ({
          down: a.disconnects.at(-1) ?? 0,
          up: a.connects.at(-1) ?? 0,
        })),
        ...fleet.browsers.map((b) => ({
          down: b.disconnects.at(-1) ?? 0,
          up: b.subscribedAt.at(-1) ?? 0,
        })),
      ].filter((x) => x.down >= kill);
      const pending = lost.filter((x) => x.up < x.down);
      if (Date.now() - kill > 3000 && pending.length === 0) {
        backAt = Math.max(kill, ...lost.map((x) => x.up));
        log(
          `${lost.length} agents and browsers were cut; all back after ${((backAt - kill) / 1000).toFixed(1)} s`,
        );
        break;
      }
      if (Date.now() - kill > 120_000) throw new Error('the fleet did not come back in 120 s');
    }
  }
  const tEnd = t0 + opts.seconds * 1000;
  if (Date.now() < tEnd) await sleep(tEnd - Date.now());
  const usage = meter.stop();
  const db1 = await dbCounters(opts.databaseUrl);
  const t1 = Date.now();
  await sleep(2000); // in-flight samples of the window's last second
  // A sample counts in the window when taken in [t0, t1 − 1 s]; during failover, [kill, back + 2 s].
  const inWindow = (at: number) => at >= t0 && at <= t1 - 1000;
  const inFailover = (at: number) =>
    killedAt !== null && backAt !== null && at >= killedAt - 1000 && at <= backAt + 2000;
  let samples = 0;
  let dropped = 0;
  let droppedInFailover = 0;
  const latencies: number[] = [];
  const seriesAll = new Map<string, boolean>();
  const byHost = new Map(fleet.agents.map((a) => [a.hostId, a]));
  for (const b of fleet.browsers) {
    for (const l of b.latencies) if (inWindow(l.at) && !inFailover(l.at)) latencies.push(l.ms);
    for (const [key, sentSeries] of seriesOf(b, byHost)) {
      const got = new Set((b.received.get(key) ?? []).filter(inWindow));
      for (const at of sentSeries.filter(inWindow)) {
        samples += 1;
        if (got.has(at)) continue;
        if (inFailover(at)) droppedInFailover += 1;
        else dropped += 1;
      }
      seriesAll.set(key, (seriesAll.get(key) ?? true) && got.size > 0);
    }
  }
  const wall = (t1 - t0) / 1000;
  return {
    replicas: fleet.replicas.map((r) => ({
      name: r.name,
      cpuCores: usage.get(r.pid)?.cpuCores ?? null,
      rssMb: usage.get(r.pid)?.rssMb ?? null,
    })),
    seconds: opts.seconds,
    samples,
    dropped,
    droppedInFailover,
    relayP50Ms: percentile(latencies, 50),
    relayP99Ms: percentile(latencies, 99),
    seriesWatched: seriesAll.size,
    seriesSeenByAll: [...seriesAll.values()].filter(Boolean).length,
    dbRowWritesPerSec: (db1.rows - db0.rows) / wall,
    dbCommitsPerSec: (db1.commits - db0.commits) / wall,
    failoverReconnectS: killedAt !== null && backAt !== null ? (backAt - killedAt) / 1000 : null,
    killedReplica: killed?.name ?? null,
    producedPerSec: fleet.agents.reduce((n, a) => n + a.containers.length, 0),
  };
}

/** The series a browser watches, each with the agent's sent sample times. */
function seriesOf(b: SimBrowser, byHost: Map<string, SimAgent>): [string, number[]][] {
  return b.watch.map((s) => [seriesKey(s), byHost.get(s.hostId)?.sent.get(s.containerId) ?? []]);
}
