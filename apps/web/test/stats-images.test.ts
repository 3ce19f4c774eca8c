import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openDatabase } from '@berth/db';
import type { StatsPoint } from '@berth/protocol';
import { startWeb, type RunningWeb } from './support/server.js';
import { Client } from './support/http.js';
import {
  enrolledHost,
  eventually,
  fakeAgent,
  next,
  openSockets,
  uiSocket,
  userClient,
} from './support/fake-agent.js';

const ADMIN_PASSWORD = 'admin-password-for-tests';
let web: RunningWeb;
let admin: Client;
let operator: Client;
let viewer: Client;

before(async () => {
  web = await startWeb({ BERTH_ADMIN_PASSWORD: ADMIN_PASSWORD });
  admin = new Client(web.baseUrl);
  await admin.login('admin', ADMIN_PASSWORD);
  operator = await userClient(web, admin, 'otto', 'operator');
  viewer = await userClient(web, admin, 'vic', 'viewer');
});
after(async () => {
  for (const s of openSockets) s.close();
  await web?.stop();
});

const subResult = { containerIds: [], unknown: [], host: false };
const host = { at: 0, cpuPercent: 5, memoryUsed: 1000, memoryTotal: 4000, cpus: 2 };

function sample(containerId: string, cpu: number) {
  return {
    id: containerId,
    containerId,
    name: 'web',
    at: Date.now(),
    rates: {
      ioReadRate: 0,
      ioWriteRate: 0,
      netRxRate: 0,
      netTxRate: 0,
      throttledMsPerSec: null,
    },
    cpu: {
      usageNs: 1,
      percentOfHost: cpu,
      percentOfLimit: null,
      onlineCpus: 2,
      periods: null,
      throttledPeriods: null,
      throttledNs: null,
    },
    memory: { usage: 1, limit: null, workingSet: 1, rss: 1, cache: 0, swap: null, oomKills: 0 },
    io: { readBytes: 0, writeBytes: 0, readOps: 0, writeOps: 0 },
    pids: { current: 1, limit: null },
    net: { rxBytes: 0, txBytes: 0, rxPackets: 0, txPackets: 0, rxErrors: 0, txErrors: 0 },
    psi: null,
  };
}

test('stats: refcounted subscriptions (agent told once), samples only to watchers, resubscribe after reconnect', async () => {
  const cred = await enrolledHost(web, admin, 'stats-host');
  const C = 'a'.repeat(64);
  const agent = await fakeAgent(web, cred, () => subResult);
  const a = await uiSocket(web, viewer);
  const b = await uiSocket(web, operator);
  const watcher = { hostId: cred.hostId, containerId: C };
  assert.deepEqual(await a.timeout(5000).emitWithAck('stats.subscribe', watcher), {
    ok: true,
    result: { subscribed: true },
  });
  await b.timeout(5000).emitWithAck('stats.subscribe', watcher);
  await b.timeout(5000).emitWithAck('stats.subscribe', { hostId: cred.hostId, host: true });
  const bad = (await a
    .timeout(5000)
    .emitWithAck('stats.subscribe', { hostId: cred.hostId, containerId: 'x' })) as { ok: boolean };
  assert.equal(bad.ok, false, 'malformed ids are refused');
  const subs = () => agent.calls.filter((c) => c.method === 'stats.subscribe');
  await eventually(
    async () => subs().length,
    (n) => n === 2,
  );
  assert.deepEqual(
    subs().map((c) => c.params),
    [{ containerIds: [C] }, { containerIds: [], host: true }],
    'the container once for two viewers, then the host',
  );

  const gotA = next<{
    hostId: string;
    sample: { containerId: string; cpu: { percentOfHost: number } };
  }>(a, 'stats.sample');
  const gotHost = next<{ hostId: string; sample: { cpuPercent: number } }>(b, 'stats.host');
  agent.socket.emit('stats.batch', {
    at: Date.now(),
    host: { ...host, at: Date.now() },
    samples: [sample(C, 42), sample('b'.repeat(64), 7)],
  });
  const s = await gotA;
  assert.equal(s.hostId, cred.hostId);
  assert.equal(s.sample.containerId, C);
  assert.equal(s.sample.cpu.percentOfHost, 42);
  assert.equal((await gotHost).sample.cpuPercent, 5);

  // Only a's unsubscribe: b still watches → no agent unsubscribe yet.
  await a.timeout(5000).emitWithAck('stats.unsubscribe', watcher);
  const summaryAtB = next<{ hostId: string }>(b, 'stats.summary');
  agent.socket.emit('stats.summary', {
    at: Date.now(),
    host,
    containers: [{ id: C, cpuPercent: 3, memoryUsage: 10, memoryLimit: null }],
  });
  assert.equal((await summaryAtB).hostId, cred.hostId, 'summaries go to every reader');
  assert.equal(agent.calls.filter((c) => c.method === 'stats.unsubscribe').length, 0);

  // Agent reconnects: the web resubscribes what browsers still watch.
  agent.socket.close();
  await eventually(
    async () => (await admin.request('GET', `/api/hosts/${cred.hostId}`)).body.host,
    (h) => (h as { status: string }).status === 'offline',
  );
  const again = await fakeAgent(web, cred, () => subResult);
  const resub = await eventually(
    async () => again.calls.find((c) => c.method === 'stats.subscribe'),
    (c) => c !== undefined,
  );
  assert.deepEqual(resub?.params, { containerIds: [C], host: true });

  // The last watcher leaves (socket gone) → one unsubscribe with everything it held.
  b.close();
  const unsub = await eventually(
    async () => again.calls.find((c) => c.method === 'stats.unsubscribe'),
    (c) => c !== undefined,
  );
  assert.deepEqual(unsub?.params, { containerIds: [C], host: true });
  a.close();
  again.socket.close();
});

test('rollups: a summary triggers 1-minute rollups from the agent ring, served for long ranges', async () => {
  const cred = await enrolledHost(web, admin, 'rollup-host');
  const C = 'd'.repeat(64);
  const db = await openDatabase(web.databaseUrl);
  try {
    await db.prisma.container.create({
      data: {
        id: `${cred.hostId}:${C}`,
        hostId: cred.hostId,
        engineId: C,
        name: 'rolled',
        image: 'busybox',
        state: 'running',
        createdAt: new Date(),
      },
    });
  } finally {
    await db.close();
  }
  // Two complete minutes a few minutes ago (well inside the agent's 15-minute ring).
  const m0 = Math.floor(Date.now() / 60_000) * 60_000 - 5 * 60_000;
  // `io` is the agent's read rate (B/s) since the point before
  const pt = (at: number, cpu: number, io: number | null): StatsPoint => ({
    at,
    cpuPercent: cpu,
    cpuPercentOfLimit: null,
    memoryUsage: 1000 + cpu,
    memoryWorkingSet: 900,
    memoryLimit: 4096,
    ioReadRate: io,
    ioWriteRate: 0,
    netRxRate: 0,
    netTxRate: 0,
    pids: 3,
  });
  const points = [pt(m0, 10, null), pt(m0 + 30_000, 30, 200), pt(m0 + 60_000, 50, 20)];
  const agent = await fakeAgent(web, cred, (method, params) => {
    if (method === 'stats.history') {
      const since = (params.sinceMs as number | undefined) ?? 0;
      return { containerId: C, intervalMs: 1000, points: points.filter((p) => p.at >= since) };
    }
    return subResult;
  });
  agent.socket.emit('stats.summary', {
    at: Date.now(),
    host,
    containers: [{ id: C, cpuPercent: 3, memoryUsage: 10, memoryLimit: null }],
  });
  const rows = await eventually(
    async () => {
      const d = await openDatabase(web.databaseUrl);
      try {
        return await d.prisma.statsRollup.findMany({
          where: { containerId: `${cred.hostId}:${C}` },
          orderBy: { minute: 'asc' },
        });
      } finally {
        await d.close();
      }
    },
    (r) => r.length >= 2,
  );
  assert.equal(rows[0]!.minute.getTime(), m0);
  assert.equal(rows[0]!.samples, 2);
  assert.equal(rows[0]!.cpuPercentAvg, 20);
  assert.equal(rows[0]!.cpuPercentMax, 30);
  assert.equal(rows[0]!.ioReadBytes, 6000n);
  assert.equal(rows[0]!.memoryLimit, 4096n);
  assert.equal(rows[0]!.pidsMax, 3);
  assert.equal(rows[1]!.minute.getTime(), m0 + 60_000);
  assert.equal(rows[1]!.ioReadBytes, 600n);

  const long = await viewer.request('GET', `/api/stats/containers/${cred.hostId}/${C}?range=1h`);
  assert.equal(long.status, 200);
  assert.equal(long.body.source, 'rollup');
  const lp = long.body.points as { at: number; cpuPercent: number; ioReadRate: number }[];
  assert.equal(lp[0]!.at, m0);
  assert.equal(lp[0]!.ioReadRate, 100, '6000 B in a minute = 100 B/s');
  const short = await viewer.request('GET', `/api/stats/containers/${cred.hostId}/${C}?range=15m`);
  assert.equal(short.status, 200);
  assert.equal(short.body.source, 'agent');
  assert.equal(short.body.intervalMs, 1000);
  assert.equal(
    (await viewer.request('GET', `/api/stats/containers/${cred.hostId}/${C}?range=2d`)).status,
    400,
  );
  agent.socket.close();
});

test('images: pull progress relayed to the starting browser, audited; viewers read only', async () => {
  const cred = await enrolledHost(web, admin, 'image-host');
  const image = {
    id: `sha256:${'e'.repeat(64)}`,
    repoTags: ['127.0.0.1:5000/busybox:latest'],
    repoDigests: [],
    size: 1234,
    created: null,
    platform: { os: 'linux', architecture: 'amd64' },
    dangling: false,
    layers: [`sha256:${'1'.repeat(64)}`],
  };
  const agent = await fakeAgent(web, cred, async (method, params, socket) => {
    if (method === 'image.pull') {
      const layer = `sha256:${'1'.repeat(64)}`;
      for (const [status, current] of [
        ['downloading', 512],
        ['done', 1024],
      ] as const) {
        socket.emit('image.pull.progress', {
          pullId: params.pullId,
          ref: params.ref,
          layer,
          status,
          current,
          total: 1024,
        });
      }
      await new Promise((r) => setTimeout(r, 50));
      return { pullId: params.pullId, image };
    }
    if (method === 'image.remove') {
      throw Object.assign(new Error('image is in use by container web'), {
        code: 'FAILED_PRECONDITION',
      });
    }
    if (method === 'image.layers') {
      return { layers: [], totalSize: 0, sharedSavings: 0 };
    }
    return subResult;
  });
  const ui = await uiSocket(web, operator);
  const progress: { pullId: string; status: string; current: number; hostId: string }[] = [];
  ui.on('image.pull.progress', (p: (typeof progress)[number]) => progress.push(p));
  const res = await operator.request('POST', `/api/hosts/${cred.hostId}/images/pull`, {
    ref: '127.0.0.1:5000/busybox:latest',
    pullId: 'pull-test-1',
    socketId: ui.id,
  });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.equal((res.body.image as { id: string }).id, image.id);
  await eventually(
    async () => progress.length,
    (n) => n === 2,
  );
  assert.deepEqual(
    progress.map((p) => [p.pullId, p.status, p.current, p.hostId]),
    [
      ['pull-test-1', 'downloading', 512, cred.hostId],
      ['pull-test-1', 'done', 1024, cred.hostId],
    ],
  );
  const pulls = await admin.request('GET', '/api/audit?action=image.pull');
  assert.ok(
    (pulls.body.events as { actorName: string; outcome: string }[]).some(
      (e) => e.actorName === 'otto' && e.outcome === 'success',
    ),
  );

  // An agent error comes back with its code and message (the UI toasts it), audited as failure.
  const rm = await operator.request('POST', `/api/hosts/${cred.hostId}/images/remove`, {
    ref: image.repoTags[0],
  });
  assert.equal(rm.status, 409);
  assert.match(rm.body.message ?? '', /in use/);
  const rmAudit = await admin.request('GET', '/api/audit?action=image.remove&outcome=failure');
  assert.equal((rmAudit.body.events as unknown[]).length, 1);

  const denied = await viewer.request('POST', `/api/hosts/${cred.hostId}/images/pull`, {
    ref: 'busybox',
    pullId: 'pull-test-2',
  });
  assert.equal(denied.status, 403);
  assert.equal((await viewer.request('GET', `/api/hosts/${cred.hostId}/images`)).status, 200);
  const layers = await viewer.request('GET', `/api/hosts/${cred.hostId}/images/layers`);
  assert.equal(layers.status, 200);
  assert.equal(layers.body.source, 'agent');
  assert.equal(agent.calls.filter((c) => c.method === 'image.pull').length, 1);
  ui.close();
  agent.socket.close();
});
