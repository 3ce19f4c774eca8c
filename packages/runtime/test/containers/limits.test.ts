import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openFixture, type Fixture } from './manager-fixture.js';
import { waitFor } from './helpers.js';
import { percentOfHost, percentOfLimit } from '../../src/cgroup/cpu-percent.js';

let fx: Fixture;
before(async () => {
  fx = await openFixture();
});
after(() => fx.cleanup());

const sh = (script: string) => ({ entrypoint: ['sh', '-c'], cmd: [script] });

test('memory limit: OOM kill → exit 137 and oomKilled recorded', async () => {
  const m = fx.manager;
  const c = await m.create({
    image: { config: sh('x=aaaaaaaaaaaaaaaa; while true; do x=$x$x; done') },
    options: { network: 'none', memory: 8 << 20, memorySwap: 8 << 20 },
  });
  await m.start(c.id);
  const exit = await m.wait(c.id);
  assert.deepEqual(exit, { exitCode: 137, oomKilled: true });
  const rec = m.get(c.id);
  assert.equal(rec.oomKilled, true);
  assert.equal(rec.exitCode, 137);
  assert.ok(fx.events.some((e) => e.type === 'oom' && e.id === c.id));
  await m.remove(c.id);
});

test('pids limit stops a fork bomb; stats show current ≤ limit', async () => {
  const m = fx.manager;
  const c = await m.create({
    // the inner shell dies when fork fails; the outer one survives to show the limit held
    image: {
      config: sh(
        'sh -c "for i in \\$(seq 1 60); do sleep 1000 & done"; echo inner-done; sleep 1000',
      ),
    },
    options: { network: 'none', pidsLimit: 10 },
  });
  await m.start(c.id);
  const logs = await waitFor(async () => {
    const lines: string[] = [];
    for await (const e of m.logs(c.id)) lines.push(e.text);
    return lines.includes('inner-done') ? lines : null;
  }, 'the inner shell to give up');
  assert.ok(
    logs.some((l) => /can't fork/.test(l)),
    logs.join('\n'),
  );
  const stats = await m.stats(c.id);
  assert.equal(stats.pids.limit, 10);
  assert.ok(
    (stats.pids.current ?? 99) <= 10 && (stats.pids.current ?? 0) > 1,
    String(stats.pids.current),
  );
  assert.equal(m.get(c.id).state, 'running');
  await m.remove(c.id, { force: true });
});

test('cpu quota: throttling visible in stats; live update changes the cgroup', async () => {
  const m = fx.manager;
  const c = await m.create({
    image: { config: sh('while :; do :; done') },
    options: { network: 'none', cpus: 0.2, memory: 32 << 20 },
  });
  await m.start(c.id);
  const first = await m.stats(c.id);
  assert.equal(first.cgroupVersion, 1);
  assert.equal(first.cpu.quotaUs, 20000);
  assert.equal(first.cpu.periodUs, 100000);
  assert.equal(first.memory.limit, 32 << 20);
  assert.ok((first.memory.usage ?? 0) > 0);
  assert.equal(first.psi, null);
  const later = await waitFor(async () => {
    const s = await m.stats(c.id);
    return (s.cpu.throttledPeriods ?? 0) > 0 && (s.cpu.usageNs ?? 0) > (first.cpu.usageNs ?? 0)
      ? s
      : null;
  }, 'throttling');
  assert.ok((later.cpu.throttledNs ?? 0) > 0);
  const pHost = percentOfHost(
    { usageNs: first.cpu.usageNs, timestampMs: first.timestampMs },
    { usageNs: later.cpu.usageNs, timestampMs: later.timestampMs },
    2,
  );
  const pLimit = percentOfLimit(
    { usageNs: first.cpu.usageNs, timestampMs: first.timestampMs },
    { usageNs: later.cpu.usageNs, timestampMs: later.timestampMs },
    later.cpu,
  );
  assert.ok(pHost !== null && pHost > 0);
  assert.ok(pLimit !== null && pLimit > 0);

  await m.update(c.id, { cpus: 0.5, pidsLimit: 30, memory: 64 << 20 });
  const cg = (ctrl: string, f: string) =>
    readFileSync(join('/sys/fs/cgroup', ctrl, fx.roots.cgroupParent, c.id, f), 'utf8').trim();
  assert.equal(cg('cpu', 'cpu.cfs_quota_us'), '50000');
  assert.equal(cg('pids', 'pids.max'), '30');
  assert.equal(cg('memory', 'memory.limit_in_bytes'), String(64 << 20));
  const spec = JSON.parse(readFileSync(join(m.get(c.id).bundle, 'config.json'), 'utf8')) as {
    linux: { resources: { pids: { limit: number } } };
  };
  assert.equal(spec.linux.resources.pids.limit, 30);
  assert.equal(m.get(c.id).options.pidsLimit, 30);
  await assert.rejects(m.update(c.id, { memory: 10 }), /INVALID|6MB/i);
  await m.remove(c.id, { force: true });
});

test('restart policy on-failure:2 restarts twice then gives up', async () => {
  const m = fx.manager;
  const c = await m.create({
    image: { config: sh('exit 3') },
    options: { network: 'none', restart: 'on-failure:2' },
  });
  await m.start(c.id);
  await waitFor(() => {
    const r = m.get(c.id);
    return (
      r.restartCount === 2 &&
      r.state === 'exited' &&
      fx.events.filter((e) => e.id === c.id && e.type === 'exit').length === 3
    );
  }, 'two restarts');
  assert.equal(m.get(c.id).exitCode, 3);
  assert.equal(fx.events.filter((e) => e.id === c.id && e.type === 'start').length, 3);
  await m.remove(c.id);
});
