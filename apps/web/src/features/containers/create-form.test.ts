import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CreateContainerRequestSchema } from '@berth/protocol';
import {
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
  assert.deepEqual(before, { memory: '128m', cpus: '', pidsLimit: '50' });
  const ok = limitsToRequest({ ...before, memory: '256m', cpus: '1.5' }, before);
  assert.deepEqual(ok, { ok: true, request: { memory: 256 * 1024 * 1024, cpus: 1.5 } });
  const bad = limitsToRequest({ ...before, pidsLimit: '' }, before);
  assert.equal(bad.ok, false);
  assert.equal(limitsToRequest(before, before).ok, false, 'nothing changed');
});
