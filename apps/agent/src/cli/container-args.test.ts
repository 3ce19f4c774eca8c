import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AgentError } from '../errors.js';
import {
  inlineSeccompFiles,
  parseEnv,
  parseLabels,
  toCreateRequest,
  toUpdateRequest,
} from './container-args.js';

test('run flags map to the create request', () => {
  const req = toCreateRequest(
    'busybox',
    ['httpd', '-f'],
    {
      name: 'web',
      env: ['A=1', 'FROM_SHELL', 'MISSING'],
      publish: ['127.0.0.1:8080:80'],
      volume: ['/data:/data:ro'],
      memory: '64m',
      memorySwap: '-1',
      cpus: '0.5',
      pidsLimit: '100',
      restart: 'on-failure:3',
      entrypoint: '',
      rm: true,
      label: ['a=b', 'flag'],
      tmpfs: ['/run:size=1m'],
    },
    { FROM_SHELL: 'x' },
  );
  assert.deepEqual(req, {
    image: 'busybox',
    env: ['A=1', 'FROM_SHELL=x'],
    ports: ['127.0.0.1:8080:80'],
    volumes: ['/data:/data:ro'],
    name: 'web',
    cmd: ['httpd', '-f'],
    entrypoint: [],
    memory: 64 * 1024 * 1024,
    memorySwap: -1,
    cpus: 0.5,
    pidsLimit: 100,
    restart: 'on-failure:3',
    labels: { a: 'b', flag: '' },
    tmpfs: ['/run:size=1m'],
    autoRemove: true,
  });
});

test('-i/-t map to openStdin/tty', () => {
  const req = toCreateRequest('b', ['sh'], { interactive: true, tty: true }, {});
  assert.deepEqual([req.tty, req.openStdin], [true, true]);
  const plain = toCreateRequest('b', [], {}, {});
  assert.equal('tty' in plain || 'openStdin' in plain, false);
});

test('bad sizes and numbers are usage errors', () => {
  for (const f of [{ memory: 'lots' }, { cpus: '0' }, { pidsLimit: '1.5' }, { memorySwap: '-2' }]) {
    assert.throws(
      () => toCreateRequest('b', [], f, {}),
      (e: unknown) => e instanceof AgentError && e.code === 'INVALID_ARGUMENT',
    );
  }
});

test('env and labels', () => {
  assert.deepEqual(parseEnv(['A=', 'B=c=d'], {}), ['A=', 'B=c=d']);
  assert.throws(() => parseLabels(['=x']));
});

test('update needs a field', () => {
  assert.deepEqual(toUpdateRequest({ memory: '128m', restart: 'always' }), {
    memory: 128 * 1024 * 1024,
    restart: 'always',
  });
  assert.throws(() => toUpdateRequest({}), /at least one/);
});

test('security flags: --security-opt list and --cgroupns; seccomp=FILE sends the file', async () => {
  const req = toCreateRequest(
    'b',
    [],
    { securityOpt: ['seccomp=unconfined', 'no-new-privileges'], cgroupns: 'host' },
    {},
  );
  assert.deepEqual(req.securityOpt, ['seccomp=unconfined', 'no-new-privileges']);
  assert.equal(req.cgroupns, 'host');
  const files: Record<string, string> = { '/p.json': '{"defaultAction":"SCMP_ACT_ALLOW"}' };
  const read = async (p: string) => {
    const f = files[p];
    if (f === undefined) throw new Error('ENOENT: no such file');
    return f;
  };
  assert.deepEqual(
    await inlineSeccompFiles(
      ['seccomp=/p.json', 'seccomp=unconfined', 'seccomp={"x":1}', 'apparmor=a'],
      read,
    ),
    [
      'seccomp={"defaultAction":"SCMP_ACT_ALLOW"}',
      'seccomp=unconfined',
      'seccomp={"x":1}',
      'apparmor=a',
    ],
  );
  assert.equal(await inlineSeccompFiles(undefined, read), undefined);
  await assert.rejects(
    inlineSeccompFiles(['seccomp=/missing.json'], read),
    (e) => e instanceof AgentError && /seccomp=\/missing.json: ENOENT/.test(e.message),
  );
});
