import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Stats } from '@berth/runtime';
import { silentLogger } from '@berth/log';
import { StatsSampler } from './sampler.js';
import type { LiveSample, SummaryContainer } from './sampler.js';

function stats(at: number, usageNs: number | null, quotaUs: number | null = null): Stats {
  return {
    timestampMs: at,
    cgroupVersion: 1,
    cpu: {
      usageNs,
      userNs: null,
      systemNs: null,
      quotaUs,
      periodUs: quotaUs === null ? null : 100_000,
      periods: null,
      throttledPeriods: null,
      throttledNs: null,
    },
    memory: {
      usage: 1000,
      limit: null,
      workingSet: 900,
      rss: null,
      cache: null,
      swap: null,
      oomKills: 0,
    },
    io: { readBytes: null, writeBytes: null, readOps: null, writeOps: null },
    pids: { current: 2, limit: null },
    psi: null,
    network: null,
  };
}

function setup() {
  let now = 0;
  const live = new Map<string, boolean>([
    ['a', true],
    ['b', true],
  ]);
  // container a uses 1 full CPU (1e9 ns per s), b half a CPU with a quota of 1 CPU
  const usage = (id: string) => (id === 'a' ? now * 1e6 : now * 0.5e6);
  const opened = new Set<string>(); // handles not closed yet
  const pids = new Map<string, number>(); // the pid of each container's current run
  let netReads = 0;
  const fullReads: boolean[] = []; // a's reads: full (limits too) or light
  // a reads 1, 2, 3… per network read; b has no known network
  const net = (id: string) =>
    id === 'a'
      ? { rxBytes: ++netReads, txBytes: 0, rxPackets: 0, txPackets: 0, rxErrors: 0, txErrors: 0 }
      : null;
  const batches: { at: number; samples: LiveSample[]; host?: unknown }[] = [];
  const summaries: { at: number; containers: SummaryContainer[] }[] = [];
  const sampler = new StatsSampler({
    source: {
      containers: () =>
        [...live].map(([id, l]) => ({ id, live: l, pid: l ? (pids.get(id) ?? 1) : null })),
      open: (id) => {
        if (!live.get(id)) throw new Error('not running');
        opened.add(id);
        return {
          pid: pids.get(id) ?? 1,
          read: (network: boolean, full: boolean) => {
            if (id === 'a') fullReads.push(full);
            return {
              ...stats(now, usage(id), id === 'b' ? 100_000 : null),
              network: network ? net(id) : null,
            };
          },
          close: () => opened.delete(id),
        };
      },
    },
    // the host's CPU time: 2 CPUs' worth of ns per ms of wall time
    readHost: async (at) => ({
      sample: { at, cpuPercent: 10, memoryUsed: 1, memoryTotal: 2, cpus: 2 },
      systemCpuNs: at * 2e6,
    }),
    onBatch: (b) => batches.push(b),
    onSummary: (s) => summaries.push(s),
    log: silentLogger,
    onlineCpus: 2,
    intervalMs: 1000,
    summaryEveryMs: 3000,
    historyMs: 5000,
    networkEveryTicks: 3,
    limitsEveryTicks: 2,
    now: () => now,
  });
  const tickAt = async (t: number) => {
    now = t;
    await sampler.tick();
  };
  const setNow = (t: number) => (now = t);
  return { sampler, live, batches, summaries, tickAt, setNow, opened, pids, fullReads };
}

test('cpu percent over ticks: null first, then Δusage/Δwall/cpus; of the quota when set', async () => {
  const { sampler, tickAt } = setup();
  await tickAt(1000);
  await tickAt(2000);
  await tickAt(3000);
  const a = sampler.history('a');
  assert.deepEqual(
    a.map((p) => p.cpuPercent),
    [null, 50, 50],
  );
  assert.deepEqual(
    a.map((p) => p.cpuPercentOfLimit),
    [null, null, null],
  );
  const b = sampler.history('b');
  assert.deepEqual(
    b.map((p) => p.cpuPercentOfLimit),
    [null, 50, 50],
  );
  assert.equal(b[1]!.cpuPercent, 25);
  assert.equal(b[1]!.memoryUsage, 1000);
  assert.equal(b[1]!.netRxRate, null, 'unknown network stays null');
});

test('batches carry only subscribed live containers (and the host when asked)', async () => {
  const { sampler, batches, tickAt, live } = setup();
  await tickAt(1000);
  assert.equal(batches.length, 0, 'nothing subscribed: no batch');
  sampler.subscriptions.add(['b']);
  await tickAt(2000);
  assert.deepEqual(
    batches.at(-1)!.samples.map((s) => [s.containerId, s.cpuPercent]),
    [['b', 25]],
  );
  assert.equal(batches.at(-1)!.host, undefined);
  sampler.subscriptions.add([], true);
  live.set('b', false);
  await tickAt(3000);
  assert.deepEqual(batches.at(-1)!.samples, [], 'a stopped container has no sample');
  assert.ok(batches.at(-1)!.host);
  live.set('b', true);
  await tickAt(4000);
  assert.equal(batches.at(-1)!.samples[0]!.cpuPercent, null, 'a restarted series begins with null');
  live.delete('b');
  await tickAt(5000);
  assert.deepEqual(sampler.subscriptions.ids(), [], 'removed containers drop out');
  assert.deepEqual(sampler.history('b'), []);
});

test('history: 15-minute rings bounded by historyMs / interval; summary means over the window', async () => {
  const { sampler, summaries, tickAt } = setup();
  for (let t = 1000; t <= 8000; t += 1000) await tickAt(t);
  assert.equal(sampler.history('a').length, 5, 'capacity = historyMs / intervalMs');
  assert.deepEqual(
    sampler.history('a', 7000).map((p) => p.at),
    [7000, 8000],
  );
  assert.equal(sampler.hostHistory().length, 5);
  assert.deepEqual(
    summaries.map((s) => s.at),
    [3000, 6000],
  );
  const first = summaries[0]!.containers.find((c) => c.id === 'a')!;
  assert.equal(first.cpuPercent, 50, 'mean of known values (the first null is skipped)');
  assert.equal(first.memoryUsage, 1000);
  assert.equal(first.memoryLimit, null);
});

test('network counters: every N ticks, carried forward between; every tick once subscribed', async () => {
  const { sampler, tickAt } = setup();
  for (let t = 1000; t <= 5000; t += 1000) await tickAt(t);
  assert.deepEqual(
    sampler.history('a').map((p) => p.netRxRate),
    [null, 0, 0, 1, 0],
    'read at ticks 1 and 4 (every 3), the last reading kept in between: rates in bytes/s',
  );
  sampler.subscriptions.add(['a']);
  await tickAt(6000);
  await tickAt(7000);
  assert.deepEqual(
    sampler.history('a', 6000).map((p) => p.netRxRate),
    [1, 1],
  );
});

test('stat files: opened once per run, reopened after a restart, closed on stop, removal and sampler stop', async () => {
  const { sampler, tickAt, opened, live, pids } = setup();
  await tickAt(1000);
  assert.deepEqual([...opened].sort(), ['a', 'b']);
  assert.equal(sampler.openContainers, 2);
  live.set('b', false);
  await tickAt(2000);
  assert.deepEqual([...opened], ['a'], 'a stopped container closes its files');
  live.set('b', true);
  await tickAt(3000);
  pids.set('a', 2); // restarted between two ticks: the old run's files are closed, new ones opened
  await tickAt(4000);
  assert.deepEqual([...opened].sort(), ['a', 'b']);
  assert.equal(sampler.history('a').at(-1)!.cpuPercent, null, 'a new run starts a new CPU series');
  live.delete('a');
  await tickAt(5000);
  assert.deepEqual([...opened], ['b'], 'a removed container closes its files');
  sampler.stop();
  assert.deepEqual([...opened], [], 'stopping the sampler closes everything');
  assert.equal(sampler.openContainers, 0);
});

test('limits are re-read every N ticks (full reads), light reads in between', async () => {
  const { tickAt, fullReads } = setup();
  for (let t = 1000; t <= 5000; t += 1000) await tickAt(t);
  assert.deepEqual(fullReads, [true, false, true, false, true]);
});

test('recent readings: the last two ticks of the current run with the host CPU time; none when stale, stopped or restarted', async () => {
  const { sampler, tickAt, setNow, live, pids } = setup();
  assert.equal(sampler.recent('a'), null);
  await tickAt(1000);
  const first = sampler.recent('a')!;
  assert.equal(first.pid, 1);
  assert.equal(first.current.stats.cpu.usageNs, 1000e6);
  assert.equal(first.current.systemCpuNs, 2000e6);
  assert.equal(first.previous, null, 'one tick: no previous yet');
  await tickAt(2000);
  const two = sampler.recent('a')!;
  assert.deepEqual([two.previous!.stats.timestampMs, two.current.stats.timestampMs], [1000, 2000]);
  assert.equal(two.previous!.systemCpuNs, 2000e6);
  assert.deepEqual(sampler.recent('a', 500), two, 'fresh enough at the tick itself');
  pids.set('a', 2);
  await tickAt(3000);
  assert.equal(sampler.recent('a')!.pid, 2);
  assert.equal(sampler.recent('a')!.previous, null, 'a restarted run starts over');
  live.set('b', false);
  await tickAt(4000);
  assert.equal(sampler.recent('b'), null, 'a stopped container has none');
  setNow(4000 + 3000); // the clock moves on without a tick (a sampler that fell behind)
  assert.ok(sampler.recent('a'), 'three intervals old: still answered');
  setNow(4000 + 3001);
  assert.equal(sampler.recent('a'), null, 'older than three intervals');
  assert.ok(sampler.recent('a', 5000), 'unless the caller accepts more');
});

test('an update invalidates the recent readings and makes the next read a full one', async () => {
  const { sampler, tickAt, fullReads } = setup();
  await tickAt(1000);
  assert.ok(sampler.recent('a'));
  sampler.invalidate('a');
  assert.equal(sampler.recent('a'), null);
  await tickAt(2000);
  assert.equal(sampler.recent('a')!.previous, null, 'readings before the update are gone');
  await tickAt(3000);
  await tickAt(4000);
  assert.deepEqual(fullReads, [true, true, true, false], 'tick 2 is full because of the update');
  assert.equal(sampler.recent('a')!.previous!.stats.timestampMs, 3000);
});
