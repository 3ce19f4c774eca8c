import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ContainerEvent, StatsSummaryEvent } from '@berth/protocol';
import { AlertEngine } from './engine.js';
import type { ContainerInfo, EngineRule, Transition } from './engine-types.js';
import {
  AlertParamsSchemas,
  type AlertKind,
  type AlertScope,
} from '../../lib/alert-api-schemas.js';
import { describeAlert } from './describe.js';
import { silenceMatches } from './silences.js';

const ID = 'a'.repeat(64);
const OTHER = 'b'.repeat(64);
const T0 = 1_000_000;

function rule(
  kind: AlertKind,
  params: Record<string, unknown> = {},
  scope: AlertScope = {},
  id: string = kind,
): EngineRule {
  return {
    id,
    name: id,
    kind,
    params: AlertParamsSchemas[kind].parse(params),
    scope,
  } as EngineRule;
}

function ctr(over: Partial<ContainerInfo> = {}): ContainerInfo {
  return { id: ID, name: 'web', labels: {}, state: 'running', health: null, ...over };
}

function ev(type: ContainerEvent['type'], over: Partial<ContainerEvent> = {}): ContainerEvent {
  return { kind: 'container', type, id: ID, name: 'web', image: 'busybox', at: '', ...over };
}

function summary(
  containers: Partial<StatsSummaryEvent['containers'][number]>[],
  extra: Partial<StatsSummaryEvent> = {},
): StatsSummaryEvent {
  return {
    at: 0,
    host: { at: 0, cpuPercent: 1, memoryUsed: 1, memoryTotal: 2, cpus: 2 },
    containers: containers.map((c) => ({
      id: ID,
      cpuPercent: 1,
      memoryUsage: 1,
      memoryLimit: null,
      ...c,
    })),
    ...extra,
  };
}

const states = (ts: Transition[]) =>
  ts.map(
    (t) =>
      `${t.state}:${t.alert.kind}:${t.alert.containerId === null ? 'host' : t.alert.containerName}`,
  );

function engineWith(...rules: EngineRule[]) {
  const e = new AlertEngine();
  assert.deepEqual(e.setRules(rules, T0), []);
  e.inventory('h1', [ctr()], T0);
  return e;
}

test('an exit nobody asked for fires; a stop, kill or restart through Berth does not', () => {
  const e = engineWith(rule('container_exited'));
  const fired = e.containerEvent(
    'h1',
    ev('die', { exitCode: 137, manuallyStopped: false }),
    T0 + 1,
  );
  assert.deepEqual(states(fired), ['firing:container_exited:web']);
  assert.equal(fired[0]!.alert.value, 137);
  // dying again while firing does not fire twice
  assert.deepEqual(e.containerEvent('h1', ev('die', { exitCode: 1 }), T0 + 2), []);
  assert.deepEqual(states(e.containerEvent('h1', ev('start'), T0 + 3)), [
    'resolved:container_exited:web',
  ]);
  assert.deepEqual(
    e.containerEvent('h1', ev('die', { exitCode: 143, manuallyStopped: true }), T0 + 4),
    [],
  );
});

test('a clean exit (code 0) fires only when the rule asks for it', () => {
  assert.deepEqual(
    engineWith(rule('container_exited')).containerEvent('h1', ev('die', { exitCode: 0 }), T0),
    [],
  );
  const e = engineWith(rule('container_exited', { includeCleanExit: true }));
  assert.deepEqual(states(e.containerEvent('h1', ev('die', { exitCode: 0 }), T0)), [
    'firing:container_exited:web',
  ]);
});

test('an inventory showing the container running, or without it, resolves its exit', () => {
  const e = engineWith(rule('container_exited'));
  e.containerEvent('h1', ev('die', { exitCode: 2 }), T0);
  assert.deepEqual(states(e.inventory('h1', [ctr({ state: 'running' })], T0 + 1)), [
    'resolved:container_exited:web',
  ]);
  e.containerEvent('h1', ev('die', { exitCode: 2 }), T0 + 2);
  assert.deepEqual(states(e.inventory('h1', [], T0 + 3)), ['resolved:container_exited:web']);
});

test('scopes: hosts, stacks (compose project) and labels must all match', () => {
  const shop = ctr({ labels: { 'com.docker.compose.project': 'shop', tier: 'front' } });
  const other = ctr({ id: OTHER, name: 'db', labels: { 'com.docker.compose.project': 'crm' } });
  const e = new AlertEngine();
  e.setRules(
    [
      rule('container_exited', {}, { stacks: ['shop'] }, 'stack'),
      rule('container_exited', {}, { labels: { tier: 'front' } }, 'label'),
      rule('container_exited', {}, { hosts: ['h2'] }, 'host'),
    ],
    T0,
  );
  e.inventory('h1', [shop, other], T0);
  const fired = e.containerEvent('h1', ev('die', { exitCode: 1 }), T0 + 1);
  assert.deepEqual(fired.map((t) => t.alert.ruleId).sort(), ['label', 'stack']);
  assert.equal(fired[0]!.alert.stack, 'shop');
  assert.deepEqual(
    e.containerEvent('h1', ev('die', { id: OTHER, name: 'db', exitCode: 1 }), T0 + 1),
    [],
  );
});

test('a container only heard of through events matches no stack or label scope', () => {
  const e = new AlertEngine();
  e.setRules(
    [rule('container_exited', {}, { stacks: ['shop'] }), rule('oom_killed', {}, { hosts: ['h1'] })],
    T0,
  );
  const fired = e.containerEvent('h1', ev('die', { exitCode: 137, oomKilled: true }), T0);
  assert.deepEqual(states(fired), ['firing:oom_killed:web']);
});

test('restart loop: N unexpected exits within the window fire; a quiet window resolves', () => {
  const e = engineWith(rule('restart_loop', { restarts: 3, windowSec: 60 }));
  assert.deepEqual(e.containerEvent('h1', ev('die', { exitCode: 1 }), T0), []);
  assert.deepEqual(e.containerEvent('h1', ev('die', { exitCode: 1 }), T0 + 10_000), []);
  // a manual stop does not count
  assert.deepEqual(
    e.containerEvent('h1', ev('die', { exitCode: 0, manuallyStopped: true }), T0 + 15_000),
    [],
  );
  const fired = e.containerEvent('h1', ev('die', { exitCode: 1 }), T0 + 20_000);
  assert.deepEqual(states(fired), ['firing:restart_loop:web']);
  assert.equal(fired[0]!.alert.value, 3);
  assert.deepEqual(e.tick(T0 + 79_000), []);
  assert.deepEqual(states(e.tick(T0 + 80_000)), ['resolved:restart_loop:web']);
});

test('exits spread wider than the window never make a loop', () => {
  const e = engineWith(rule('restart_loop', { restarts: 2, windowSec: 30 }));
  assert.deepEqual(e.containerEvent('h1', ev('die', { exitCode: 1 }), T0), []);
  e.tick(T0 + 31_000);
  assert.deepEqual(e.containerEvent('h1', ev('die', { exitCode: 1 }), T0 + 31_000), []);
});

test('OOM kills fire at once and resolve after the quiet time', () => {
  const e = engineWith(rule('oom_killed', { resolveAfterSec: 120 }));
  assert.deepEqual(states(e.containerEvent('h1', ev('oom'), T0)), ['firing:oom_killed:web']);
  assert.deepEqual(
    e.containerEvent('h1', ev('die', { exitCode: 137, oomKilled: true }), T0 + 1),
    [],
  );
  assert.deepEqual(e.tick(T0 + 100_000), []);
  assert.deepEqual(states(e.tick(T0 + 121_000)), ['resolved:oom_killed:web']);
});

test('unhealthy for forSec fires; healthy again resolves', () => {
  const e = engineWith(rule('unhealthy', { forSec: 30 }));
  assert.deepEqual(e.containerEvent('h1', ev('health_status', { health: 'unhealthy' }), T0), []);
  assert.deepEqual(e.tick(T0 + 29_000), []);
  assert.deepEqual(states(e.tick(T0 + 30_000)), ['firing:unhealthy:web']);
  assert.deepEqual(
    states(e.containerEvent('h1', ev('health_status', { health: 'healthy' }), T0 + 31_000)),
    ['resolved:unhealthy:web'],
  );
  // unhealthy then healthy within forSec never fires
  e.containerEvent('h1', ev('health_status', { health: 'unhealthy' }), T0 + 40_000);
  e.containerEvent('h1', ev('health_status', { health: 'healthy' }), T0 + 50_000);
  assert.deepEqual(e.tick(T0 + 90_000), []);
});

test('an inventory that says unhealthy counts as well (a rule added later sees it)', () => {
  const e = new AlertEngine();
  e.inventory('h1', [ctr({ health: 'unhealthy' })], T0);
  assert.deepEqual(states(e.setRules([rule('unhealthy', { forSec: 0 })], T0)), [
    'firing:unhealthy:web',
  ]);
});

test('a host offline for forSec fires; its agent coming back resolves', () => {
  const e = engineWith(rule('host_offline', { forSec: 60 }));
  assert.deepEqual(e.hostDown('h1', T0), []);
  assert.deepEqual(e.tick(T0 + 59_000), []);
  const fired = e.tick(T0 + 60_000);
  assert.deepEqual(states(fired), ['firing:host_offline:host']);
  assert.equal(fired[0]!.alert.value, 60);
  assert.deepEqual(states(e.hostUp('h1', T0 + 61_000)), ['resolved:host_offline:host']);
  // back within forSec: nothing
  e.hostDown('h1', T0 + 70_000);
  e.hostUp('h1', T0 + 80_000);
  assert.deepEqual(e.tick(T0 + 200_000), []);
});

test('CPU above X % of the limit for N seconds fires; below resolves; no limit never fires', () => {
  const e = engineWith(rule('cpu_high', { percent: 80, forSec: 20 }));
  assert.deepEqual(e.summary('h1', summary([{ cpuPercentOfLimit: 95 }]), T0), []);
  assert.deepEqual(e.summary('h1', summary([{ cpuPercentOfLimit: 97 }]), T0 + 10_000), []);
  const fired = e.summary('h1', summary([{ cpuPercentOfLimit: 99 }]), T0 + 20_000);
  assert.deepEqual(states(fired), ['firing:cpu_high:web']);
  assert.equal(fired[0]!.alert.value, 99);
  assert.deepEqual(states(e.summary('h1', summary([{ cpuPercentOfLimit: 10 }]), T0 + 30_000)), [
    'resolved:cpu_high:web',
  ]);
  e.summary('h1', summary([{ cpuPercentOfLimit: null, cpuPercent: 100 }]), T0 + 40_000);
  assert.deepEqual(e.tick(T0 + 100_000), []);
});

test('memory: working set over the limit; a container gone from the summary resolves', () => {
  const e = engineWith(rule('memory_high', { percent: 90, forSec: 0 }));
  const mb = 1024 * 1024;
  assert.deepEqual(
    e.summary(
      'h1',
      summary([{ memoryWorkingSet: 50 * mb, memoryUsage: 99 * mb, memoryLimit: 100 * mb }]),
      T0,
    ),
    [],
  );
  const fired = e.summary(
    'h1',
    summary([{ memoryWorkingSet: 95 * mb, memoryLimit: 100 * mb }]),
    T0 + 1,
  );
  assert.deepEqual(states(fired), ['firing:memory_high:web']);
  assert.deepEqual(states(e.summary('h1', summary([]), T0 + 2)), ['resolved:memory_high:web']);
});

test('disk of the data root as df counts it (used / (used + available))', () => {
  const e = engineWith(rule('disk_high', { percent: 90 }));
  const disk = (used: number, avail: number) => ({
    dataRoot: { path: '/var/lib/berth', sizeBytes: 100, usedBytes: used, availableBytes: avail },
  });
  assert.deepEqual(e.summary('h1', summary([], disk(85, 15)), T0), []);
  // 91 used, 4 reserved for root, 5 available: 91/96 ≈ 95 %
  assert.deepEqual(states(e.summary('h1', summary([], disk(91, 5)), T0 + 1)), [
    'firing:disk_high:host',
  ]);
  assert.deepEqual(states(e.summary('h1', summary([], disk(50, 50)), T0 + 2)), [
    'resolved:disk_high:host',
  ]);
});

test('removing a rule or narrowing its scope resolves its alerts', () => {
  const r = rule('container_exited');
  const e = engineWith(r);
  e.containerEvent('h1', ev('die', { exitCode: 1 }), T0);
  assert.deepEqual(e.setRules([r], T0 + 1), []);
  assert.deepEqual(states(e.setRules([{ ...r, scope: { hosts: ['h2'] } }], T0 + 2)), [
    'resolved:container_exited:web',
  ]);
  e.setRules([r], T0 + 3);
  e.containerEvent('h1', ev('die', { exitCode: 1 }), T0 + 4);
  assert.deepEqual(states(e.setRules([], T0 + 5)), ['resolved:container_exited:web']);
});

test('alerts restored after a web restart resolve when the facts say so', () => {
  const e = new AlertEngine();
  e.restore([
    {
      fingerprint: `container_exited|h1|${ID}`,
      ruleId: 'container_exited',
      kind: 'container_exited',
      hostId: 'h1',
      containerId: ID,
      containerName: 'web',
      stack: 'shop',
      startedAt: T0,
      value: 1,
    },
  ]);
  assert.deepEqual(e.setRules([rule('container_exited', {}, { stacks: ['shop'] })], T0 + 1), []);
  assert.deepEqual(
    states(e.inventory('h1', [ctr({ labels: { 'com.docker.compose.project': 'shop' } })], T0 + 2)),
    ['resolved:container_exited:web'],
  );
});

test('descriptions and silences', () => {
  assert.equal(
    describeAlert({
      kind: 'container_exited',
      hostName: 'h',
      containerName: 'web',
      value: 137,
      params: {},
    }),
    'Container web on h exited unexpectedly (code 137)',
  );
  assert.match(
    describeAlert({
      kind: 'memory_high',
      hostName: 'h',
      containerName: 'web',
      value: 95.4,
      params: { percent: 90, forSec: 60 },
    }),
    /95 % of its memory limit \(above 90 % for 60 s\)/,
  );
  const t = { ruleId: 'r', hostId: 'h1', containerName: 'web', stack: null };
  assert.equal(silenceMatches({}, t), true);
  assert.equal(silenceMatches({ hostId: 'h1', container: 'web' }, t), true);
  assert.equal(silenceMatches({ hostId: 'h2' }, t), false);
  assert.equal(silenceMatches({ stack: 'shop' }, t), false);
});

test('a revoked host raises nothing and its alerts resolve', () => {
  const e = engineWith(rule('host_offline', { forSec: 10 }), rule('container_exited'));
  e.containerEvent('h1', ev('die', { exitCode: 1 }), T0);
  assert.deepEqual(states(e.hostGone('h1', T0 + 1)), ['resolved:container_exited:web']);
  assert.deepEqual(e.tick(T0 + 60_000), []);
});
