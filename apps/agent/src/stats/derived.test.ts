import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Stats } from '@berth/runtime';
import { derive, rate, unknownDerived } from './derived.js';

function sample(
  at: number,
  c: { cpu: number; throttled: number; read: number; rx: number },
): Stats {
  return {
    timestampMs: at,
    cgroupVersion: 2,
    cpu: {
      usageNs: c.cpu,
      userNs: null,
      systemNs: null,
      quotaUs: 50_000,
      periodUs: 100_000,
      periods: null,
      throttledPeriods: null,
      throttledNs: c.throttled,
    },
    memory: {
      usage: 1,
      limit: null,
      workingSet: null,
      rss: null,
      cache: null,
      swap: null,
      oomKills: null,
    },
    io: { readBytes: c.read, writeBytes: null, readOps: null, writeOps: null },
    pids: { current: 1, limit: null },
    psi: null,
    network: {
      rxBytes: c.rx,
      txBytes: 0,
      rxPackets: 0,
      txPackets: 0,
      rxErrors: 0,
      txErrors: 0,
    },
  };
}

test('a counter rate is per second; unknown or a counter gone back is null', () => {
  assert.equal(rate(100, 300, 2000), 100);
  assert.equal(rate(null, 300, 1000), null);
  assert.equal(rate(100, undefined, 1000), null);
  assert.equal(rate(300, 100, 1000), null);
  assert.equal(rate(100, 200, 0), null);
});

test('CPU %, io, net and throttling rates come from the same two samples; none known is all null', () => {
  assert.deepEqual(Object.values(unknownDerived()), Array(7).fill(null));
  const d = derive(
    sample(1000, { cpu: 0, throttled: 0, read: 0, rx: 0 }),
    sample(3000, { cpu: 1e9, throttled: 4e8, read: 4096, rx: 1000 }),
    2,
  );
  assert.equal(d.cpuPercent, 25, '1 s of CPU over 2 s on 2 CPUs');
  assert.equal(d.cpuPercentOfLimit, 100, 'of a half-CPU quota');
  assert.equal(d.ioReadRate, 2048);
  assert.equal(d.ioWriteRate, null, 'unknown stays null');
  assert.equal(d.netRxRate, 500);
  assert.equal(d.netTxRate, 0);
  assert.equal(d.throttledMsPerSec, 200);
});
