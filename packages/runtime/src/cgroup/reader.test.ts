import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCgroupReader, detectCgroupVersion } from './reader.js';
import { percentOfHost, percentOfLimit } from './cpu-percent.js';
import { parseNetDev } from './net-dev.js';

let dir: string;
const CG = '/berth/c1';

function tree(base: string, files: Record<string, string>) {
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(join(base, p, '..'), { recursive: true });
    writeFileSync(join(base, p), text);
  }
}

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'cgfix-'));
  tree(join(dir, 'v2'), {
    'cgroup.controllers': 'cpu io memory pids\n',
    [`${CG}/cpu.stat`]:
      'usage_usec 5000\nuser_usec 3000\nsystem_usec 2000\nnr_periods 10\nnr_throttled 4\nthrottled_usec 700\n',
    [`${CG}/cpu.max`]: '50000 100000\n',
    [`${CG}/memory.current`]: '1000000\n',
    [`${CG}/memory.max`]: 'max\n',
    [`${CG}/memory.stat`]: 'anon 600000\nfile 300000\ninactive_file 250000\n',
    [`${CG}/memory.events`]: 'low 0\nhigh 0\nmax 3\noom 1\noom_kill 1\n',
    [`${CG}/memory.swap.current`]: '0\n',
    [`${CG}/io.stat`]:
      '8:0 rbytes=100 wbytes=200 rios=1 wios=2 dbytes=0 dios=0\n8:16 rbytes=1 wbytes=2 rios=3 wios=4\n',
    [`${CG}/pids.current`]: '3\n',
    [`${CG}/pids.max`]: '100\n',
    [`${CG}/cpu.pressure`]:
      'some avg10=1.50 avg60=0.25 avg300=0.00 total=10\nfull avg10=0.00 avg60=0.00 avg300=0.00 total=0\n',
    [`${CG}/memory.pressure`]:
      'some avg10=0.00 avg60=0.00 avg300=0.00 total=0\nfull avg10=0.00 avg60=0.00 avg300=0.00 total=0\n',
  });
  tree(join(dir, 'v1'), {
    [`cpuacct${CG}/cpuacct.usage`]: '123456789\n',
    [`cpuacct${CG}/cpuacct.stat`]: 'user 10\nsystem 5\n',
    [`cpu${CG}/cpu.cfs_quota_us`]: '-1\n',
    [`cpu${CG}/cpu.cfs_period_us`]: '100000\n',
    [`cpu${CG}/cpu.stat`]: 'nr_periods 0\nnr_throttled 0\nthrottled_time 0\n',
    [`memory${CG}/memory.usage_in_bytes`]: '2000000\n',
    [`memory${CG}/memory.limit_in_bytes`]: '9223372036854771712\n',
    [`memory${CG}/memory.stat`]:
      'cache 1\nrss 2\ntotal_cache 500000\ntotal_rss 900000\ntotal_inactive_file 400000\n',
    [`memory${CG}/memory.oom_control`]: 'oom_kill_disable 0\nunder_oom 0\noom_kill 2\n',
    [`memory${CG}/memory.memsw.usage_in_bytes`]: '2100000\n',
    [`blkio${CG}/blkio.throttle.io_service_bytes_recursive`]:
      '8:0 Read 4096\n8:0 Write 8192\n8:0 Total 12288\nTotal 12288\n',
    [`blkio${CG}/blkio.throttle.io_serviced_recursive`]: '8:0 Read 1\n8:0 Write 2\n',
    [`pids${CG}/pids.current`]: '1\n',
    [`pids${CG}/pids.max`]: 'max\n',
  });
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('v2 fixture tree → normalized stats', async () => {
  assert.equal(detectCgroupVersion(join(dir, 'v2')), 2);
  const r = createCgroupReader({ root: join(dir, 'v2') });
  const s = await r.stats(CG);
  assert.equal(s.cgroupVersion, 2);
  assert.deepEqual(s.cpu, {
    usageNs: 5_000_000,
    userNs: 3_000_000,
    systemNs: 2_000_000,
    quotaUs: 50000,
    periodUs: 100000,
    periods: 10,
    throttledPeriods: 4,
    throttledNs: 700_000,
  });
  assert.deepEqual(s.memory, {
    usage: 1000000,
    limit: null,
    workingSet: 750000,
    rss: 600000,
    cache: 300000,
    swap: 0,
    oomKills: 1,
  });
  assert.deepEqual(s.io, { readBytes: 101, writeBytes: 202, readOps: 4, writeOps: 6 });
  assert.deepEqual(s.pids, { current: 3, limit: 100 });
  assert.deepEqual(s.psi?.cpu, { some: { avg10: 1.5, avg60: 0.25 }, full: { avg10: 0, avg60: 0 } });
  assert.equal(s.psi?.io, null);
  assert.equal(await r.oomKills(CG), 1);
});

test('v1 fixture tree → the same fields; unknown stays null', async () => {
  assert.equal(detectCgroupVersion(join(dir, 'v1')), 1);
  const r = createCgroupReader({ root: join(dir, 'v1') });
  const s = await r.stats(CG);
  assert.equal(s.cpu.usageNs, 123456789);
  assert.equal(s.cpu.userNs, 100_000_000);
  assert.equal(s.cpu.quotaUs, null);
  assert.deepEqual(s.memory, {
    usage: 2000000,
    limit: null,
    workingSet: 1600000,
    rss: 900000,
    cache: 500000,
    swap: 100000,
    oomKills: 2,
  });
  assert.deepEqual(s.io, { readBytes: 4096, writeBytes: 8192, readOps: 1, writeOps: 2 });
  assert.deepEqual(s.pids, { current: 1, limit: null });
  assert.equal(s.psi, null);
  const missing = await r.stats('/berth/nope');
  assert.equal(missing.memory.usage, null);
  assert.equal(missing.cpu.usageNs, null);
  assert.equal(missing.io.readBytes, null);
});

test('cpu percent math', () => {
  const a = { usageNs: 0, timestampMs: 0 };
  const b = { usageNs: 1e9, timestampMs: 1000 };
  assert.equal(percentOfHost(a, b, 2), 50);
  assert.equal(percentOfLimit(a, b, { quotaUs: 50000, periodUs: 100000 }), 200);
  assert.equal(percentOfLimit(a, b, { quotaUs: null, periodUs: 100000 }), null);
  assert.equal(percentOfHost({ usageNs: null, timestampMs: 0 }, b, 2), null);
  assert.equal(percentOfHost(b, b, 2), null);
});

test('net/dev parsing skips lo', () => {
  const text = `Inter-|   Receive                                                |  Transmit
 face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
    lo:     100       1    0    0    0     0          0         0      100       1    0    0    0     0       0          0
  eth0:    2000      20    1    0    0     0          0         0     3000      30    2    0    0     0       0          0
`;
  assert.deepEqual(parseNetDev(text), {
    rxBytes: 2000,
    txBytes: 3000,
    rxPackets: 20,
    txPackets: 30,
    rxErrors: 1,
    txErrors: 2,
  });
});

test('an open handle re-reads the same files per read; close releases them', () => {
  const r = createCgroupReader({ root: join(dir, 'v1') });
  const h = r.open(CG);
  assert.equal(h.openFiles, 14);
  assert.equal(h.read().memory.usage, 2000000);
  // cgroupfs rewrites in place; a regular file truncated + rewritten behaves the same for pread
  writeFileSync(join(dir, 'v1', `memory${CG}/memory.usage_in_bytes`), '3000000\n');
  assert.equal(h.read().memory.usage, 3000000);
  // limits are re-read on full reads only (the first read is always full)
  const limitFile = join(dir, 'v1', `pids${CG}/pids.max`);
  writeFileSync(limitFile, '50\n');
  assert.equal(h.read(false).pids.limit, null, 'a light read repeats the last limit');
  assert.equal(h.read(false).pids.current, 1);
  assert.equal(h.read().pids.limit, 50, 'a full read sees the new limit');
  writeFileSync(limitFile, 'max\n');
  h.close();
  assert.equal(h.read().memory.usage, null);
  writeFileSync(join(dir, 'v1', `memory${CG}/memory.usage_in_bytes`), '2000000\n');
});
