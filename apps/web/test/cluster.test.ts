/**
 * Two web replicas behind HAProxy on one real PostgreSQL (the postgres socket.io adapter),
 * 20 simulated agents × 20 containers speaking the real protocol, browser sockets watching live
 * stats. Asserts correctness only (no timings): nothing dropped, every browser sees every series
 * it watches, a terminal and a log follow work with the browser on one replica and the agent on
 * the other, and a killed replica's agents and browsers come back through the other one.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startTestPostgres, type TestPostgres } from '@berth/db/test-support';
import {
  measureFleet,
  startFleet,
  startSimAgent,
  startSimBrowser,
  type Fleet,
  type SimAgent,
  type SimBrowser,
} from '@berth/testkit/fleet';
import { startWebhookReceiver } from './support/sinks.js';
import { parseMetrics } from './support/prometheus.js';

const webDir = join(dirname(fileURLToPath(import.meta.url)), '..');
let pg: TestPostgres;
let fleet: Fleet;
let databaseUrl: string;
const dir = mkdtempSync(join(tmpdir(), 'berth-cluster-test-'));
const extra: { stop(): void }[] = [];

before(async () => {
  pg = await startTestPostgres();
  databaseUrl = await pg.createDatabase();
  fleet = await startFleet({
    webMainJs: join(webDir, 'dist/server/main.js'),
    webCwd: webDir,
    databaseUrl,
    adapter: 'postgres',
    agents: 20,
    containers: 20,
    replicas: 2,
    browsers: 6,
    watchPerBrowser: 5,
    seconds: 20,
    dir,
  });
});

after(async () => {
  for (const x of extra) x.stop();
  await fleet?.stop();
  await pg?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const until = async (what: string, ok: () => boolean | Promise<boolean>, ms = 90_000) => {
  const deadline = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > deadline) throw new Error(`never: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

const direct = (i: number) => `http://127.0.0.1:${fleet.replicas[i]!.port}`;

/** An agent whose socket is on replica `i` (not through HAProxy). */
async function agentOn(i: number, name: string): Promise<SimAgent> {
  const { joinToken } = await fleet.api<{ joinToken: string }>('POST', '/api/hosts', { name });
  const agent = await startSimAgent({ baseUrl: direct(i), joinToken, name, containers: 2 });
  extra.push(agent);
  await until(`${name} online`, async () => {
    const { host } = await fleet.api<{ host: { status: string } }>(
      'GET',
      `/api/hosts/${agent.hostId}`,
    );
    return host.status === 'online';
  });
  return agent;
}

/** A browser whose socket is on replica `i`. */
async function browserOn(i: number, agent: SimAgent): Promise<SimBrowser> {
  const b = await startSimBrowser({
    url: direct(i),
    origin: fleet.baseUrl,
    cookie: fleet.cookie,
    watch: [{ hostId: agent.hostId, containerId: agent.containers[0]!.id }],
  });
  extra.push(b);
  return b;
}

test('20 agents × 20 containers on 2 replicas: no drops, every browser sees every watched series', async () => {
  const r = await measureFleet(fleet, { seconds: 20, databaseUrl });
  assert.ok(r.samples > 0, 'samples were watched');
  assert.equal(r.dropped, 0);
  assert.equal(r.seriesWatched, 6 * 5);
  assert.equal(r.seriesSeenByAll, r.seriesWatched);
});

test('browser on replica A, agent on replica B: terminal echoes, live stats and a log follow arrive', async () => {
  const agent = await agentOn(1, 'pinned-b');
  const browser = await browserOn(0, agent);
  const sessionId = await browser.openTerminal(agent.hostId, agent.containers[0]!.id);
  const echoed = await browser.echo(sessionId, 'hello across replicas\n');
  assert.ok(echoed.includes('hello across replicas'));
  await until(
    'a live sample through the other replica',
    () => (browser.received.get(`${agent.hostId}:${agent.containers[0]!.id}`)?.length ?? 0) > 0,
  );
  const lines: string[] = [];
  browser.socket.on('logs.data', (e: { followId: string; entries: { text: string }[] }) => {
    if (e.followId === 'f1') lines.push(...e.entries.map((x) => x.text));
  });
  const ack = (await browser.socket.timeout(20_000).emitWithAck('logs.follow', {
    followId: 'f1',
    hostId: agent.hostId,
    containerId: agent.containers[0]!.id,
  })) as { ok: boolean };
  assert.equal(ack.ok, true);
  await until('log lines through the other replica', () => lines.includes('line from pinned-b'));
  const stopped = (await browser.socket
    .timeout(20_000)
    .emitWithAck('logs.unfollow', { followId: 'f1' })) as { ok: boolean; result: unknown };
  assert.deepEqual(stopped, { ok: true, result: { stopped: true } });
});

test('alerts and metrics span the replicas: an agent on B, one notification, /metrics on A lists it', async () => {
  const hooks = await startWebhookReceiver();
  extra.push({ stop: () => void hooks.stop() });
  const { channel } = await fleet.api<{ channel: { id: string } }>('POST', '/api/alerts/channels', {
    name: 'cluster hook',
    type: 'webhook',
    config: { url: `${hooks.url}/cluster` },
  });
  await fleet.api('POST', '/api/alerts/rules', {
    name: 'cluster exits',
    kind: 'container_exited',
    channelIds: [channel.id],
  });
  const agent = await agentOn(1, 'alerts-on-b');
  const die = (i: number) => {
    const c = agent.containers[i]!;
    agent.send('container.event', {
      kind: 'container',
      type: 'die',
      id: c.id,
      name: c.name,
      image: c.image,
      at: new Date().toISOString(),
      exitCode: 137,
      manuallyStopped: false,
    });
  };
  const firing = (name: string) =>
    hooks.hooks.filter(
      (h) =>
        h.body.status === 'firing' &&
        (h.body.alert as { container: { name: string } | null }).container?.name === name,
    );
  die(0);
  await until('the first firing webhook', () => firing(agent.containers[0]!.name).length > 0);
  // Each replica's events reach the others in order: once the second alert is out, any
  // duplicate of the first would have been sent.
  die(1);
  await until('the second firing webhook', () => firing(agent.containers[1]!.name).length > 0);
  assert.equal(
    firing(agent.containers[0]!.name).length,
    1,
    'one notification, not one per replica',
  );

  const { token } = await fleet.api<{ token: string }>('POST', '/api/tokens', {
    name: 'cluster scrape',
    scopes: ['metrics'],
  });
  await until('replica A to list the containers of an agent on B', async () => {
    const res = await fetch(`${direct(0)}/metrics`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const m = parseMetrics(await res.text());
    const up = m.get('berth_host_up')?.samples.find((s) => s.labels.host_id === agent.hostId);
    const ctrs = m
      .get('berth_container_up')
      ?.samples.filter((s) => s.labels.host_id === agent.hostId);
    return up?.value === 1 && (ctrs?.length ?? 0) === agent.containers.length;
  });
});

test('a killed replica: its agents and browsers come back through the other, terminals are told', async () => {
  const pinned = await agentOn(1, 'pinned-b-2');
  const watcher = await browserOn(0, pinned);
  const sessionId = await watcher.openTerminal(pinned.hostId, pinned.containers[0]!.id);
  const notices: { sessionId: string; state: string }[] = [];
  watcher.socket.on('terminal.state', (e: { sessionId: string; state: string }) => notices.push(e));

  const killedAt = Date.now();
  fleet.replicas[1]!.kill();

  await until('the terminal relayed by the survivor says the connection is lost', () =>
    notices.some((n) => n.sessionId === sessionId && n.state === 'connection lost'),
  );
  await until('every fleet agent connected again', () => fleet.agents.every((a) => a.connected()));
  await until('every browser connected and subscribed again', () =>
    fleet.browsers.every((b) => b.connected() && b.subscribedAt.at(-1)! >= 0),
  );
  await until('every fleet host online', async () => {
    const { hosts } = await fleet.api<{ hosts: { id: string; status: string }[] }>(
      'GET',
      '/api/hosts',
    );
    const ids = new Set(fleet.agents.map((a) => a.hostId));
    return hosts.filter((h) => ids.has(h.id)).every((h) => h.status === 'online');
  });
  await until('every browser receives every series again after the kill', () =>
    fleet.browsers.every((b) =>
      b.watch.every((s) =>
        (b.received.get(`${s.hostId}:${s.containerId}`) ?? []).some((at) => at > killedAt + 1000),
      ),
    ),
  );
  await until(
    'the pinned agent (whose replica died) is marked offline by the fleet job',
    async () => {
      const { host } = await fleet.api<{ host: { status: string } }>(
        'GET',
        `/api/hosts/${pinned.hostId}`,
      );
      return host.status === 'offline';
    },
    120_000,
  );
});
