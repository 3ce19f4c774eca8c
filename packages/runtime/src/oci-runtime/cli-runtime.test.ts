import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, rmSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CliRuntime } from './cli-runtime.js';
import { chooseRuntime } from './select.js';
import { execArgs, updateArgs, createArgs } from './args.js';
import { RuntimeExitError } from './run-binary.js';
import { isRuntimeError } from '../errors.js';

let dir: string;
/** A fake runtime: logs its argv, prints $FAKE_OUT, writes $FAKE_ERR to stderr, exits $FAKE_CODE (from files). */
function fake(stdout: string, stderr = '', code = 0): CliRuntime {
  writeFileSync(join(dir, 'out'), stdout);
  writeFileSync(join(dir, 'err'), stderr);
  const script = `#!/bin/sh\necho "$@" >> ${dir}/argv\ncat ${dir}/out\ncat ${dir}/err >&2\nexit ${code}\n`;
  const bin = join(dir, 'runc');
  writeFileSync(bin, script);
  chmodSync(bin, 0o755);
  return new CliRuntime('runc', bin, join(dir, 'root'));
}
const lastArgv = () => readFileSync(join(dir, 'argv'), 'utf8').trim().split('\n').pop();

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'fake-runc-'));
  mkdirSync(join(dir, 'root', 'c1'), { recursive: true }); // the runtime's state dir of c1
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('state parses JSON and passes --root', async () => {
  const state = {
    id: 'c1',
    pid: 42,
    status: 'running',
    bundle: '/b',
    created: 'now',
    rootfs: '/r',
  };
  const s = await fake(JSON.stringify(state)).state('c1');
  assert.equal(s?.pid, 42);
  assert.equal(s?.status, 'running');
  assert.equal(lastArgv(), `--root ${dir}/root state c1`);
});

test('state of a container without a state directory is null without running the runtime', async () => {
  const before = readFileSync(join(dir, 'argv'), 'utf8');
  assert.equal(await fake('{}').state('c2'), null);
  assert.equal(readFileSync(join(dir, 'argv'), 'utf8'), before, 'the binary did not run');
});

test('state of an unknown container is null; other failures carry stderr and exit code', async () => {
  assert.equal(await fake('', 'container "c1" does not exist', 1).state('c1'), null);
  await assert.rejects(
    fake('', 'cannot delete container c1 that is not stopped', 1).delete('c1'),
    (e) => {
      assert.ok(e instanceof RuntimeExitError);
      assert.equal(e.exitCode, 1);
      assert.match(e.stderr, /not stopped/);
      return isRuntimeError(e, 'FAILED_PRECONDITION');
    },
  );
  await assert.rejects(fake('', 'boom', 2).start('c1'), (e) => isRuntimeError(e, 'INTERNAL'));
});

test('exec returns non-zero exits instead of throwing', async () => {
  const r = await fake('hello\n', '', 3).exec('c1', {
    args: ['sh', '-c', 'exit 3'],
    env: ['A=1'],
    user: '1:2',
    cwd: '/tmp',
  });
  assert.equal(r.exitCode, 3);
  assert.equal(r.stdout, 'hello\n');
  assert.equal(
    lastArgv(),
    `--root ${dir}/root exec --env A=1 --user 1:2 --cwd /tmp c1 sh -c exit 3`,
  );
});

test('ps parses pids, kill --all and delete --force args', async () => {
  assert.deepEqual(await fake('[1,2]').ps('c1'), [1, 2]);
  await fake('').kill('c1', 'SIGTERM', { all: true });
  assert.equal(lastArgv(), `--root ${dir}/root kill --all c1 SIGTERM`);
  await fake('').delete('c1', { force: true });
  assert.equal(lastArgv(), `--root ${dir}/root delete --force c1`);
});

test('pure args builders', () => {
  assert.deepEqual(updateArgs('c', { memory: 10, cpuQuota: 5, pidsLimit: 7 }), [
    'update',
    '--memory',
    '10',
    '--cpu-quota',
    '5',
    '--pids-limit',
    '7',
    'c',
  ]);
  assert.deepEqual(createArgs('c', { bundle: '/b', pidFile: '/b/pid' }), [
    'create',
    '--bundle',
    '/b',
    '--pid-file',
    '/b/pid',
    'c',
  ]);
  assert.deepEqual(execArgs('c', { args: ['sh'], tty: true }), ['exec', '--tty', 'c', 'sh']);
});

test('runtime selection: runc on hybrid hosts, crun on pure v2', () => {
  assert.equal(chooseRuntime({ pureCgroupV2: false, crunAvailable: true }), 'runc');
  assert.equal(chooseRuntime({ pureCgroupV2: true, crunAvailable: true }), 'crun');
  assert.equal(chooseRuntime({ pureCgroupV2: true, crunAvailable: true }, 'runc'), 'runc');
  assert.throws(
    () => chooseRuntime({ pureCgroupV2: false, crunAvailable: true }, 'crun'),
    (e) => isRuntimeError(e, 'FAILED_PRECONDITION'),
  );
});
