import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toRuntimeExecOpts } from './options.js';
import { isRuntimeError } from '../errors.js';

test('exec options: user names resolve from the rootfs, TERM for tty, validation', async () => {
  const rootfs = mkdtempSync(join(tmpdir(), 'execfs-'));
  mkdirSync(join(rootfs, 'etc'));
  writeFileSync(
    join(rootfs, 'etc/passwd'),
    'root:x:0:0::/root:/bin/sh\napp:x:1000:1000::/home/app:/bin/sh\n',
  );
  writeFileSync(join(rootfs, 'etc/group'), 'app:x:1000:\nextra:x:2000:app\n');
  const t = { id: 'c1', rootfs };
  assert.deepEqual(
    await toRuntimeExecOpts(t, { cmd: ['id'], user: 'app', env: ['A=1'], workdir: '/tmp' }, false),
    {
      args: ['id'],
      env: ['A=1'],
      cwd: '/tmp',
      tty: false,
      user: '1000:1000',
      additionalGids: [1000, 2000],
    },
  );
  assert.deepEqual((await toRuntimeExecOpts(t, { cmd: ['sh'] }, true)).env, [
    'TERM=xterm-256color',
  ]);
  await assert.rejects(toRuntimeExecOpts(t, { cmd: [] }, false), (e) =>
    isRuntimeError(e, 'INVALID_ARGUMENT'),
  );
  await assert.rejects(toRuntimeExecOpts(t, { cmd: ['x'], user: 'ghost' }, false), (e) =>
    isRuntimeError(e, 'INVALID_ARGUMENT'),
  );
  await assert.rejects(toRuntimeExecOpts(t, { cmd: ['x'], env: ['NOEQUALS'] }, false), (e) =>
    isRuntimeError(e, 'INVALID_ARGUMENT'),
  );
  rmSync(rootfs, { recursive: true });
});
