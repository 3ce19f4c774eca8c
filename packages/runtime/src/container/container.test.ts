import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { transition, TransitionError, TRANSITIONS } from './state.js';
import { validateName, generateName, newContainerId } from './names.js';
import { parseRestartPolicy, shouldRestart, restartDelayMs } from './restart-policy.js';
import { resolveContainer } from './lookup.js';
import { parseCreateOptions } from './create-options.js';
import { mergeOptions, resourceUpdateSchema, toUpdateOpts } from './update.js';
import { RecordStore } from './store.js';
import { bootCandidates, reconcileRecords, UNKNOWN_EXIT, type ReconcileOps } from './reconcile.js';
import type { ContainerRecord } from './record.js';
import type { OciRuntime, RuntimeState } from '../oci-runtime/types.js';
import { isRuntimeError } from '../errors.js';

const invalid = (e: unknown) => isRuntimeError(e, 'INVALID_ARGUMENT');

test('transition table: allowed and forbidden moves', () => {
  assert.equal(transition('created', 'start'), 'running');
  assert.equal(transition('running', 'pause'), 'paused');
  assert.equal(transition('paused', 'exit'), 'exited');
  assert.equal(transition('exited', 'start'), 'running');
  assert.equal(transition('exited', 'remove'), 'removing');
  assert.throws(
    () => transition('running', 'remove'),
    (e) => e instanceof TransitionError && isRuntimeError(e, 'FAILED_PRECONDITION'),
  );
  assert.throws(() => transition('removing', 'start'), TransitionError);
  assert.throws(() => transition('exited', 'pause'), TransitionError);
  assert.equal(transition('paused', 'stop'), 'exited');
  assert.throws(() => transition('removing', 'stop'), TransitionError);
  assert.equal(transition('paused', 'kill'), 'paused', 'a signal leaves the state to the exit');
  assert.throws(() => transition('exited', 'kill'), TransitionError);
  assert.deepEqual(Object.keys(TRANSITIONS).sort(), [
    'exit',
    'kill',
    'pause',
    'remove',
    'start',
    'stop',
    'unpause',
  ]);
});

test('names and ids', () => {
  assert.equal(validateName('/web.1_a-b'), 'web.1_a-b');
  for (const bad of ['a', '-x', 'has space', 'ü1', ''])
    assert.throws(() => validateName(bad), invalid, bad);
  assert.match(newContainerId(), /^[0-9a-f]{64}$/);
  const taken = new Set(['brave_anchor']);
  const n = generateName(
    (x) => taken.has(x),
    () => 0,
  );
  assert.notEqual(n, 'brave_anchor');
  assert.match(n, /^brave_anchor\d+$/);
});

test('restart policies', () => {
  assert.deepEqual(parseRestartPolicy('on-failure:3'), {
    name: 'on-failure',
    maximumRetryCount: 3,
  });
  assert.deepEqual(parseRestartPolicy(undefined), { name: 'no', maximumRetryCount: 0 });
  for (const bad of ['sometimes', 'always:3', 'on-failure:x', 'on-failure:1:2'])
    assert.throws(() => parseRestartPolicy(bad), invalid);
  const f = { exitCode: 1, manuallyStopped: false, restartCount: 0 };
  assert.equal(shouldRestart(parseRestartPolicy('no'), f), false);
  assert.equal(shouldRestart(parseRestartPolicy('always'), { ...f, exitCode: 0 }), true);
  assert.equal(shouldRestart(parseRestartPolicy('always'), { ...f, manuallyStopped: true }), false);
  assert.equal(
    shouldRestart(parseRestartPolicy('always'), {
      ...f,
      manuallyStopped: true,
      onAgentStart: true,
    }),
    true,
  );
  assert.equal(
    shouldRestart(parseRestartPolicy('unless-stopped'), {
      ...f,
      manuallyStopped: true,
      onAgentStart: true,
    }),
    false,
  );
  assert.equal(shouldRestart(parseRestartPolicy('on-failure:2'), { ...f, restartCount: 1 }), true);
  assert.equal(shouldRestart(parseRestartPolicy('on-failure:2'), { ...f, restartCount: 2 }), false);
  assert.equal(shouldRestart(parseRestartPolicy('on-failure'), { ...f, exitCode: 0 }), false);
  assert.equal(restartDelayMs(0, 0), 100);
  assert.equal(restartDelayMs(3, 0), 800);
  assert.equal(restartDelayMs(30, 0), 60000);
  assert.equal(restartDelayMs(30, 20000), 100);
});

test('lookup by id, name, unique prefix', () => {
  const all = [
    { id: 'abc123', name: 'web' },
    { id: 'abd456', name: 'db' },
  ];
  assert.equal(resolveContainer(all, 'web').id, 'abc123');
  assert.equal(resolveContainer(all, 'abd').name, 'db');
  assert.equal(resolveContainer(all, 'abd456').name, 'db');
  assert.throws(() => resolveContainer(all, 'ab'), invalid);
  assert.throws(
    () => resolveContainer(all, 'zzz'),
    (e) => isRuntimeError(e, 'NOT_FOUND'),
  );
});

test('create options: parsing and rejection', () => {
  const o = parseCreateOptions({
    name: 'web',
    ports: ['127.0.0.1:8080:80'],
    volumes: ['data:/d:ro'],
    restart: 'on-failure:2',
    memory: 64 << 20,
  });
  assert.equal(o.name, 'web');
  assert.equal(o.ports[0]?.hostPort, 8080);
  assert.equal(o.mounts[0]?.kind, 'volume');
  assert.equal(o.restart.maximumRetryCount, 2);
  assert.equal(o.spec.memory, 64 << 20);
  for (const bad of [
    { name: 'x' },
    { memory: 1000 },
    { cpus: -1 },
    { ports: ['nope'] },
    { network: '' },
    { network: 'none', networks: [{ network: 'app' }] },
    { networks: [{ network: 'app', bogus: 1 }] },
    { restart: 'x' },
    { stopSignal: 'kill me' },
  ]) {
    assert.throws(() => parseCreateOptions(bad), invalid, JSON.stringify(bad));
  }
});

test('toUpdateOpts only touches patched fields', () => {
  const res = {
    devices: [],
    memory: { limit: 100, swap: 200 },
    cpu: { quota: 50000, period: 100000, shares: 512 },
    pids: { limit: 9 },
  };
  assert.deepEqual(toUpdateOpts(res, { pidsLimit: 9 }), { pidsLimit: 9 });
  assert.deepEqual(toUpdateOpts(res, { cpus: 0.5, memory: 100 }), {
    memory: 100,
    memorySwap: 200,
    cpuQuota: 50000,
    cpuPeriod: 100000,
  });
});

test('an update removes a limit with null: -1 (unlimited) to runc, gone from the options', () => {
  const res = { devices: [] };
  assert.deepEqual(toUpdateOpts(res, { memory: null, cpus: null, pidsLimit: null }), {
    memory: -1,
    memorySwap: -1,
    cpuQuota: -1,
    pidsLimit: -1,
  });
  const options = { memory: 64 << 20, memorySwap: 128 << 20, cpus: 0.5, pidsLimit: 50, tty: true };
  assert.deepEqual(mergeOptions(options, { cpus: null, pidsLimit: null }), {
    memory: 64 << 20,
    memorySwap: 128 << 20,
    tty: true,
  });
  assert.deepEqual(mergeOptions(options, { memory: null }), {
    cpus: 0.5,
    pidsLimit: 50,
    tty: true,
  });
  assert.deepEqual(mergeOptions(options, { pidsLimit: 70 }).pidsLimit, 70);
  // Only limits can be removed; the rest stays validated as before.
  assert.equal(resourceUpdateSchema.safeParse({ cpuShares: null }).success, false);
  assert.equal(resourceUpdateSchema.safeParse({ memory: 1 }).success, false, 'the 6 MB minimum');
  assert.equal(resourceUpdateSchema.safeParse({ pidsLimit: null }).success, true);
});

function record(
  id: string,
  state: ContainerRecord['state'],
  extra: Partial<ContainerRecord> = {},
): ContainerRecord {
  return {
    id: id.padEnd(64, '0'),
    name: `n${id}`,
    createdAt: new Date().toISOString(),
    image: { config: {} },
    options: {},
    state,
    pid: state === 'running' ? 10 : null,
    startedAt: null,
    finishedAt: null,
    exitCode: null,
    oomKilled: false,
    restartCount: 0,
    manuallyStopped: false,
    restartPolicy: { name: 'no', maximumRetryCount: 0 },
    stopSignal: 'SIGTERM',
    stopTimeout: 10,
    labels: {},
    network: { mode: 'none', netnsPath: null, ip: null, gateway: null, ports: [], endpoints: [] },
    volumes: [],
    rootfs: '/r',
    bundle: '/b',
    logPath: '/l',
    cgroupsPath: '/berth/x',
    ...extra,
  };
}

test('RecordStore: atomic put, reload, delete', async () => {
  const root = mkdtempSync(join(tmpdir(), 'records-'));
  const s = new RecordStore(root);
  await s.put(record('a1', 'created'));
  mkdirSync(join(root, 'containers', 'junk'));
  writeFileSync(join(root, 'containers', 'junk', 'container.json'), '{bad');
  const again = new RecordStore(root);
  assert.deepEqual(
    (await again.load()).map((r) => r.name),
    ['na1'],
  );
  await again.update(record('a1', 'created').id, { name: 'renamed' });
  assert.equal((await new RecordStore(root).load())[0]?.name, 'renamed');
  await again.delete(record('a1', 'created').id);
  assert.deepEqual(await new RecordStore(root).load(), []);
  rmSync(root, { recursive: true });
});

test('reconcile: exit files, lost containers, adoption, removal, boot candidates — never a second create', async () => {
  const states = new Map<string, RuntimeState>();
  const calls: string[] = [];
  const runtime = {
    state: async (id: string) => states.get(id) ?? null,
    delete: async (id: string) => void calls.push(`delete ${id.slice(0, 2)}`),
    create: async () => void calls.push('create'),
  } as unknown as OciRuntime;
  const recs = [
    record('r1', 'running'),
    record('r2', 'running'),
    record('r3', 'running'),
    record('c4', 'created'),
    record('e5', 'exited', { restartPolicy: { name: 'always', maximumRetryCount: 0 } }),
    record('x6', 'removing'),
  ];
  const id = (p: string) => p.padEnd(64, '0');
  states.set(id('r2'), { id: id('r2'), pid: 10, status: 'running', bundle: '', created: '' });
  states.set(id('c4'), { id: id('c4'), pid: 0, status: 'stopped', bundle: '', created: '' });
  const exits: Array<[string, number, boolean]> = [];
  const ops: ReconcileOps = {
    runtime,
    readExit: async (i) => (i === id('r1') ? 137 : null),
    recordExit: async (i, code, opts) =>
      void exits.push([i.slice(0, 2), code, opts?.restart ?? true]),
    adopt: async (i) => void calls.push(`adopt ${i.slice(0, 2)}`),
    finishRemove: async (r) => void calls.push(`remove ${r.id.slice(0, 2)}`),
  };
  const report = await reconcileRecords(recs, ops);
  assert.deepEqual(exits, [
    ['r1', 137, true],
    ['r3', UNKNOWN_EXIT, false],
  ]);
  assert.deepEqual(report.exitsRecorded, [id('r1')]);
  assert.deepEqual(report.lost, [id('r3')]);
  assert.deepEqual(report.restarted, [], "starting is the manager's, after reconciling");
  const after = recs.map((r) =>
    r.id === id('r1') || r.id === id('r3')
      ? { ...r, state: 'exited' as const, exitCode: r.id === id('r1') ? 137 : UNKNOWN_EXIT }
      : r,
  );
  // r1's exit is the policy's (back-off); e5 (always) starts at boot; r3 (no policy) stays down
  assert.deepEqual(
    bootCandidates(
      after.map((r) =>
        r.id === id('r1') ? { ...r, restartPolicy: { name: 'always', maximumRetryCount: 0 } } : r,
      ),
      report,
    ).map((r) => r.id),
    [id('e5')],
  );
  assert.deepEqual(report.cleaned, [id('c4')]);
  assert.deepEqual(report.removed, [id('x6')]);
  assert.deepEqual(report.adopted, []);
  assert.ok(!calls.includes('create'));
  assert.ok(calls.includes('delete c4') && calls.includes('remove x6'));
});
