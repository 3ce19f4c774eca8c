import { test, mock } from 'node:test';
import assert from 'node:assert/strict';
import type { HealthStatus } from '@berth/protocol';
import { HealthMonitor, type ProbeRunner } from './monitor.js';
import { healthConfigOf } from './config.js';

const flush = () => new Promise((r) => setImmediate(r));

function setup(runProbe: ProbeRunner) {
  mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 1_000_000 });
  const statuses: HealthStatus[] = [];
  const m = new HealthMonitor({ runProbe, onStatus: (_id, s) => statuses.push(s) });
  return { m, statuses };
}

const cfg = (o: object = {}) =>
  healthConfigOf({ test: ['CMD', 'check'], interval: 1e9, timeout: 5e9, retries: 2, ...o })!;

async function tick(ms: number) {
  mock.timers.tick(ms);
  await flush();
  await flush();
}

test('probes every interval after the previous one; status changes are reported once', async (t) => {
  t.after(() => mock.timers.reset());
  const codes = [1, 0, 0, 1, 1];
  const calls: string[][] = [];
  const { m, statuses } = setup(async (_id, command) => {
    calls.push(command);
    return { exitCode: codes.shift() ?? 1, output: 'out' };
  });
  m.arm('c1', cfg(), Date.now());
  await tick(999);
  assert.equal(calls.length, 0);
  for (let i = 0; i < 5; i++) await tick(1000);
  assert.equal(calls.length, 5);
  assert.deepEqual(calls[0], ['check']);
  assert.deepEqual(statuses, ['healthy', 'unhealthy']);
  assert.equal(m.health('c1')?.failingStreak, 2);
  assert.equal(m.health('c1')?.log.length, 5);
  m.disarm('c1');
  await tick(5000);
  assert.equal(calls.length, 5);
  assert.equal(m.health('c1'), null);
});

test('a probe that outlives the timeout is aborted and counts as a failure', async (t) => {
  t.after(() => mock.timers.reset());
  let aborted = 0;
  const { m, statuses } = setup(
    (_id, _cmd, signal) =>
      new Promise((resolve) => {
        signal.addEventListener('abort', () => {
          aborted++;
          resolve({ exitCode: 137, output: '' });
        });
      }),
  );
  m.arm('c1', cfg({ timeout: 2e9, retries: 1 }), Date.now());
  await tick(1000);
  await tick(2000);
  assert.equal(aborted, 1);
  assert.deepEqual(statuses, ['unhealthy']);
  const log = m.health('c1')!.log;
  assert.equal(log[0]!.exitCode, -1);
  assert.match(log[0]!.output, /exceeded timeout \(2s\)/);
  m.closeAll();
});

test('disarm kills the probe in flight and drops its result', async (t) => {
  t.after(() => mock.timers.reset());
  let signal: AbortSignal | null = null;
  const { m, statuses } = setup(
    (_id, _cmd, s) =>
      new Promise((resolve) => {
        signal = s;
        s.addEventListener('abort', () => resolve({ exitCode: 0, output: '' }));
      }),
  );
  m.arm('c1', cfg(), Date.now());
  await tick(1000);
  m.disarm('c1');
  await flush();
  assert.equal((signal as AbortSignal | null)?.aborted, true);
  assert.deepEqual(statuses, []);
  assert.deepEqual(m.armed(), []);
});

test('start period: failures do not count until it is over; a runner error is a failure', async (t) => {
  t.after(() => mock.timers.reset());
  const { m, statuses } = setup(async () => {
    throw new Error('exec failed');
  });
  m.arm('c1', cfg({ retries: 1, startPeriod: 3e9, startInterval: 1e9, interval: 1e9 }), Date.now());
  await tick(1000);
  await tick(1000);
  assert.equal(m.status('c1'), 'starting');
  assert.equal(m.health('c1')?.log[0]?.output, 'exec failed');
  await tick(1000);
  await tick(1000);
  assert.deepEqual(statuses, ['unhealthy']);
  m.closeAll();
});

test('a paused container (runner returns null) neither counts nor logs', async (t) => {
  t.after(() => mock.timers.reset());
  const { m } = setup(async () => null);
  m.arm('c1', cfg({ retries: 1 }), Date.now());
  await tick(1000);
  await tick(1000);
  assert.deepEqual(m.health('c1'), { status: 'starting', failingStreak: 0, log: [] });
  m.closeAll();
});
