import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execProcessSpec, prepareExec, resolveExec } from './options.js';
import { isRuntimeError } from '../errors.js';
import type { OciProcess } from '../oci-spec/types.js';

function rootfs(): string {
  const root = mkdtempSync(join(tmpdir(), 'execfs-'));
  mkdirSync(join(root, 'etc'));
  writeFileSync(
    join(root, 'etc/passwd'),
    'root:x:0:0::/root:/bin/sh\napp:x:1000:1000::/home/app:/bin/sh\n',
  );
  writeFileSync(join(root, 'etc/group'), 'root:x:0:\napp:x:1000:\nextra:x:2000:app\n');
  return root;
}

const MAIN: OciProcess = {
  terminal: false,
  user: { uid: 0, gid: 0, additionalGids: [0] },
  args: ['sleep', '1000'],
  env: ['PATH=/bin', 'HOME=/root'],
  cwd: '/',
  capabilities: { bounding: ['CAP_CHOWN'], effective: ['CAP_CHOWN'], permitted: ['CAP_CHOWN'] },
  rlimits: [{ type: 'RLIMIT_NOFILE', soft: 1024, hard: 1024 }],
  noNewPrivileges: true,
};

test('exec options: user names resolve from the rootfs, TERM for tty, validation', async () => {
  const root = rootfs();
  const t = { rootfs: root };
  assert.deepEqual(
    await resolveExec(t, { cmd: ['id'], user: 'app', env: ['A=1'], workdir: '/tmp' }, false),
    {
      args: ['id'],
      env: ['A=1'],
      cwd: '/tmp',
      tty: false,
      privileged: false,
      user: { uid: 1000, gid: 1000, additionalGids: [1000, 2000] },
    },
  );
  assert.deepEqual((await resolveExec(t, { cmd: ['sh'] }, true)).env, ['TERM=xterm-256color']);
  for (const bad of [{ cmd: [] }, { cmd: ['x'], user: 'ghost' }, { cmd: ['x'], env: ['NOEQUALS'] }])
    await assert.rejects(resolveExec(t, bad, false), (e) => isRuntimeError(e, 'INVALID_ARGUMENT'));
  rmSync(root, { recursive: true });
});

test("an exec's own user replaces the main process's groups; the rest is the main process's", () => {
  const spec = execProcessSpec(MAIN, {
    args: ['id'],
    env: ['A=1'],
    tty: true,
    privileged: false,
    user: { uid: 1000, gid: 1000, additionalGids: [1000, 2000] },
  });
  assert.deepEqual(spec.user, { uid: 1000, gid: 1000, additionalGids: [1000, 2000] });
  assert.deepEqual(
    [spec.args, spec.env, spec.cwd, spec.terminal],
    [['id'], ['PATH=/bin', 'HOME=/root', 'A=1'], '/', true],
  );
  assert.deepEqual(spec.capabilities, MAIN.capabilities);
  assert.equal(spec.noNewPrivileges, true);
  const privileged = execProcessSpec(MAIN, { args: ['id'], env: [], tty: false, privileged: true });
  assert.ok(privileged.capabilities.bounding.includes('CAP_SYS_ADMIN'));
  assert.deepEqual(privileged.user, MAIN.user);
});

test('prepareExec: flags without a user; with one a process file in the bundle, gone on release', async () => {
  const root = rootfs();
  const bundle = mkdtempSync(join(tmpdir(), 'execbundle-'));
  writeFileSync(join(bundle, 'config.json'), JSON.stringify({ process: MAIN }));
  const t = { id: 'c1', rootfs: root, bundle };
  const plain = await prepareExec(t, { cmd: ['id'], env: ['A=1'] }, false);
  assert.deepEqual(plain.opts, { args: ['id'], env: ['A=1'], cwd: undefined, tty: false });
  const own = await prepareExec(t, { cmd: ['id'], user: 'app' }, false);
  const file = own.opts.process ?? assert.fail('no process file');
  assert.ok(file?.startsWith(bundle));
  const written = JSON.parse(readFileSync(file, 'utf8')) as OciProcess;
  assert.deepEqual(written.user.additionalGids, [1000, 2000]);
  await own.release();
  assert.deepEqual(readdirSync(bundle), ['config.json']);
  rmSync(root, { recursive: true });
  rmSync(bundle, { recursive: true });
});
