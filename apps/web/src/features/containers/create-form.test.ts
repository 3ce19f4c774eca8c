import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CreateContainerRequestSchema } from '@berth/protocol';
import {
  carriedFrom,
  carriedNames,
  emptyCreateForm,
  joinCommand,
  splitCommand,
  toRequest,
  toViewModel,
} from './create-form.js';
import { limitsToRequest, limitsToViewModel } from './limits-form.js';

test('splitCommand handles quotes and escapes like a shell (no expansion)', () => {
  assert.deepEqual(splitCommand(`sh -c 'echo hi; sleep 1'`), ['sh', '-c', 'echo hi; sleep 1']);
  assert.deepEqual(splitCommand(`echo "a \\"b\\"" c\\ d ''`), ['echo', 'a "b"', 'c d', '']);
  assert.deepEqual(splitCommand('  '), []);
  const words = ['sh', '-c', "it's here", ''];
  assert.deepEqual(splitCommand(joinCommand(words)), words);
});

test('toRequest maps a filled form to a request the shared schema accepts', () => {
  const res = toRequest({
    ...emptyCreateForm,
    image: ' busybox:latest ',
    name: 'web-1',
    command: 'httpd -f -p 80',
    env: [
      { key: 'A', value: '1=2' },
      { key: '', value: '' },
    ],
    ports: ['8080:80', ' '],
    volumes: ['data:/data'],
    memory: '64m',
    cpus: '0.5',
    pidsLimit: '100',
    restart: 'on-failure',
    restartRetries: '3',
    network: 'none',
  });
  assert.equal(res.ok, true);
  if (!res.ok) return;
  assert.deepEqual(res.request, {
    image: 'busybox:latest',
    name: 'web-1',
    cmd: ['httpd', '-f', '-p', '80'],
    env: ['A=1=2'],
    ports: ['8080:80'],
    volumes: ['data:/data'],
    memory: 64 * 1024 * 1024,
    cpus: 0.5,
    pidsLimit: 100,
    restart: 'on-failure:3',
    network: 'none',
  });
  assert.equal(CreateContainerRequestSchema.safeParse(res.request).success, true);
});

test('toRequest reports errors per field and never returns a half-valid request', () => {
  const res = toRequest({
    ...emptyCreateForm,
    image: '',
    name: 'bad name',
    env: [{ key: '', value: 'x' }],
    memory: 'lots',
    cpus: '-1',
    pidsLimit: '1.5',
  });
  assert.equal(res.ok, false);
  if (res.ok) return;
  assert.ok(res.errors.image);
  assert.ok(res.errors.name);
  assert.ok(res.errors.env);
  assert.ok(res.errors.memory);
  assert.ok(res.errors.cpus);
  assert.ok(res.errors.pidsLimit);
});

test('toViewModel is the inverse of toRequest', () => {
  const values = {
    ...emptyCreateForm,
    image: 'busybox',
    name: 'x',
    command: "sh -c 'sleep 5'",
    env: [{ key: 'K', value: 'v=1' }],
    ports: ['80'],
    memory: '1048576',
    restart: 'always' as const,
  };
  const res = toRequest(values);
  assert.equal(res.ok, true);
  if (res.ok) assert.deepEqual(toViewModel(res.request), values);
});

test('limits: only changed fields are sent; bad or emptied values are errors', () => {
  const before = limitsToViewModel({
    memory: 128 * 1024 * 1024,
    memorySwap: null,
    cpus: null,
    pidsLimit: 50,
    cpuShares: null,
    cpusetCpus: null,
  });
  assert.deepEqual(before, {
    memory: '128m',
    cpus: '',
    pidsLimit: '50',
    restart: 'no',
    restartRetries: '',
  });
  // The restart policy changes too (empty retries: no maximum).
  assert.deepEqual(limitsToRequest({ ...before, restart: 'unless-stopped' }, before), {
    ok: true,
    request: { restart: 'unless-stopped' },
  });
  const onFailure = limitsToViewModel(
    {
      memory: null,
      memorySwap: null,
      cpus: null,
      pidsLimit: null,
      cpuShares: null,
      cpusetCpus: null,
    },
    'on-failure:3',
  );
  assert.deepEqual([onFailure.restart, onFailure.restartRetries], ['on-failure', '3']);
  assert.deepEqual(limitsToRequest({ ...onFailure, restartRetries: '5' }, onFailure), {
    ok: true,
    request: { restart: 'on-failure:5' },
  });
  const ok = limitsToRequest({ ...before, memory: '256m', cpus: '1.5' }, before);
  assert.deepEqual(ok, { ok: true, request: { memory: 256 * 1024 * 1024, cpus: 1.5 } });
  // Emptied: the limit goes (unlimited again), for every limit.
  assert.deepEqual(limitsToRequest({ ...before, pidsLimit: ' ', memory: '' }, before), {
    ok: true,
    request: { pidsLimit: null, memory: null },
  });
  const withCpus = { ...before, cpus: '0.5' };
  assert.deepEqual(limitsToRequest({ ...withCpus, cpus: '' }, withCpus), {
    ok: true,
    request: { cpus: null },
  });
  const bad = limitsToRequest({ ...before, pidsLimit: 'lots', cpus: '-1' }, before);
  assert.deepEqual(bad, {
    ok: false,
    errors: {
      cpus: 'Enter a number of CPUs like 0.5 or 2, or leave it empty for no limit.',
      pidsLimit: 'Enter a whole number of processes like 100, or leave it empty for no limit.',
    },
  });
  assert.equal(limitsToRequest(before, before).ok, false, 'nothing changed');
});

test('elevated options: errors for non-admins next to their field, a request for admins', () => {
  const values = {
    ...emptyCreateForm,
    image: 'busybox',
    volumes: ['data:/data', '/etc:/x'],
    network: 'host' as const,
    privileged: true,
    pidHost: true,
    capAdd: ['SYS_ADMIN', ' '],
    devices: ['/dev/fuse'],
    securityOpt: ['seccomp=unconfined'],
  };
  const denied = toRequest(values);
  assert.equal(denied.ok, false);
  if (denied.ok) return;
  assert.match(denied.errors.volumes ?? '', /bind mount \/etc:\/x: host paths need an admin/);
  assert.match(denied.errors.network ?? '', /host network needs an admin/);
  assert.match(denied.errors.privileged ?? '', /privileged needs an admin/);
  assert.match(denied.errors.pidHost ?? '', /host PID namespace/);
  assert.match(denied.errors.capAdd ?? '', /capability SYS_ADMIN/);
  assert.match(denied.errors.devices ?? '', /device \/dev\/fuse/);
  assert.match(denied.errors.securityOpt ?? '', /seccomp unconfined/);
  assert.equal(toRequest({ ...emptyCreateForm, image: 'b', volumes: ['data:/d'] }).ok, true);

  const allowed = toRequest(values, { canElevate: true });
  assert.equal(allowed.ok, true);
  if (!allowed.ok) return;
  assert.deepEqual(allowed.request, {
    image: 'busybox',
    env: [],
    ports: [],
    volumes: ['data:/data', '/etc:/x'],
    network: 'host',
    privileged: true,
    pid: 'host',
    capAdd: ['SYS_ADMIN'],
    devices: ['/dev/fuse'],
    securityOpt: ['seccomp=unconfined'],
  });
  assert.deepEqual(toViewModel(allowed.request), { ...values, capAdd: ['SYS_ADMIN'] });
});

test('advanced controls follow the host policy; an agent without one shows all', async () => {
  const { advancedView } = await import('./create-advanced.js');
  const none = advancedView({ allowElevated: [], allowBind: [] });
  assert.deepEqual(Object.values(none.shown), [false, false, false, false, false, false]);
  assert.deepEqual(none.bindPaths, []);
  const some = advancedView({
    allowElevated: ['privileged', 'capabilities:NET_ADMIN', 'apparmor:unconfined'],
    allowBind: ['/srv'],
  });
  assert.deepEqual(some.shown, {
    privileged: true,
    pidHost: false,
    networkHost: false,
    capAdd: true,
    devices: false,
    securityOpt: true,
  });
  assert.deepEqual(some.refused, ['host PID namespace', 'host network', 'devices']);
  assert.deepEqual(some.bindPaths, ['/srv']);
  assert.equal(
    Object.values(advancedView({ allowElevated: ['all'], allowBind: [] }).shown).every(Boolean),
    true,
  );
  const unknown = advancedView(null);
  assert.equal(Object.values(unknown.shown).every(Boolean), true);
  assert.equal(unknown.bindPaths, null);
});

test('create form: messages in people’s words, not the validator’s', () => {
  const res = toRequest({ ...emptyCreateForm, image: '', name: '-bad', memory: 'lots' });
  assert.equal(res.ok, false);
  if (res.ok) return;
  assert.equal(res.errors.image, 'Image is required.');
  assert.equal(
    res.errors.name,
    'A name starts with a letter or digit and has only letters, digits, ".", "_" and "-".',
  );
  assert.equal(res.errors.memory, 'Enter a size like 64m, 1g or 1048576.');
  for (const m of Object.values(res.errors)) assert.doesNotMatch(String(m), /Too small|expected/);
});

test('a copy keeps the settings the form does not show, less those tied to what it changed', () => {
  const base = {
    image: 'busybox',
    name: 'web',
    env: ['A=1'],
    ports: [],
    volumes: [],
    user: 'nobody',
    labels: { team: 'a' },
    memory: 64 << 20,
    memorySwap: 128 << 20,
    network: 'backend',
    networks: [{ network: 'backend', aliases: ['db'] }],
  };
  const v = toViewModel(base);
  assert.equal(v.name, 'web');
  assert.deepEqual(carriedNames(base), ['user', 'labels', 'memorySwap', 'networks']);
  const same = toRequest(v, { canElevate: false, base });
  assert.ok(same.ok);
  if (!same.ok) return;
  assert.deepEqual(same.request, { ...base, memory: 64 << 20 });
  // another network drops its aliases; no memory limit drops the swap limit
  const moved = toRequest(
    { ...v, network: 'bridge', memory: '', env: [{ key: 'A', value: '2' }] },
    { canElevate: false, base },
  );
  assert.ok(moved.ok);
  if (!moved.ok) return;
  assert.deepEqual(moved.request, {
    image: 'busybox',
    name: 'web',
    env: ['A=2'],
    ports: [],
    volumes: [],
    user: 'nobody',
    labels: { team: 'a' },
  });
  // an operator's copy of an elevated container is refused in the form already
  const elevated = toRequest(toViewModel({ image: 'b', ipc: 'host' }), {
    canElevate: false,
    base: { image: 'b', ipc: 'host' },
  });
  assert.equal(elevated.ok, false);
  assert.equal(carriedFrom({ image: 'b', ipc: 'host' }, v).ipc, 'host');
});
