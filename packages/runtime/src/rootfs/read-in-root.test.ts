import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileInRoot } from './read-in-root.js';
import { isRuntimeError } from '../errors.js';

/** A root with etc/, beside a "host" directory holding what must never be read. */
function withRoots(fn: (root: string, host: string) => Promise<void>) {
  return async () => {
    const base = mkdtempSync(join(tmpdir(), 'berth-inroot-'));
    const root = join(base, 'root');
    const host = join(base, 'host');
    mkdirSync(join(root, 'etc'), { recursive: true });
    mkdirSync(host);
    writeFileSync(join(host, 'passwd'), 'hostuser:x:4242:4242::/:/bin/sh\n');
    try {
      await fn(root, host);
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  };
}

const invalid = (why: RegExp) => (e: unknown) =>
  isRuntimeError(e, 'INVALID_ARGUMENT') && why.test(e.message);

test(
  'a plain file is read; a missing one is null',
  withRoots(async (root) => {
    writeFileSync(join(root, 'etc/passwd'), 'app:x:1000:1000::/home/app:/bin/sh\n');
    assert.match((await readFileInRoot(root, '/etc/passwd'))!, /^app:/);
    assert.equal(await readFileInRoot(root, '/etc/group'), null);
    assert.equal(await readFileInRoot(root, '/nope/passwd'), null);
  }),
);

test(
  'an absolute symlink to a host file resolves inside the root, never to the host',
  withRoots(async (root, host) => {
    symlinkSync(join(host, 'passwd'), join(root, 'etc/passwd'));
    assert.equal(await readFileInRoot(root, '/etc/passwd'), null);
    // the same path, created inside the root, is what the container would see
    mkdirSync(join(root, host), { recursive: true });
    writeFileSync(join(root, host, 'passwd'), 'inside:x:1:1::/:/bin/sh\n');
    assert.match((await readFileInRoot(root, '/etc/passwd'))!, /^inside:/);
  }),
);

test(
  'relative symlinks climbing with .. stop at the root',
  withRoots(async (root) => {
    symlinkSync('../../../../../../../host/passwd', join(root, 'etc/passwd'));
    assert.equal(await readFileInRoot(root, '/etc/passwd'), null);
    mkdirSync(join(root, 'host'));
    writeFileSync(join(root, 'host/passwd'), 'clamped:x:2:2::/:/bin/sh\n');
    assert.match((await readFileInRoot(root, '/etc/passwd'))!, /^clamped:/);
    assert.match((await readFileInRoot(root, '/../../../host/passwd'))!, /^clamped:/);
  }),
);

test(
  '/etc as a symlink to / is the root itself, not the host /',
  withRoots(async (root) => {
    rmSync(join(root, 'etc'), { recursive: true });
    symlinkSync('/', join(root, 'etc'));
    assert.equal(await readFileInRoot(root, '/etc/passwd'), null, 'the host /passwd is not read');
    writeFileSync(join(root, 'passwd'), 'rootlevel:x:3:3::/:/bin/sh\n');
    assert.match((await readFileInRoot(root, '/etc/passwd'))!, /^rootlevel:/);
  }),
);

test(
  'a directory symlink to the host is followed inside the root only',
  withRoots(async (root, host) => {
    rmSync(join(root, 'etc'), { recursive: true });
    symlinkSync(host, join(root, 'etc'));
    assert.equal(await readFileInRoot(root, '/etc/passwd'), null);
  }),
);

test(
  'a FIFO, a device, a directory or a huge file is refused with a clear error',
  withRoots(async (root) => {
    execFileSync('mkfifo', [join(root, 'etc/passwd')]);
    await assert.rejects(readFileInRoot(root, '/etc/passwd'), invalid(/not a regular file/));
    execFileSync('mknod', [join(root, 'etc/group'), 'c', '1', '5']);
    await assert.rejects(readFileInRoot(root, '/etc/group'), invalid(/not a regular file/));
    mkdirSync(join(root, 'etc/shadow'));
    await assert.rejects(readFileInRoot(root, '/etc/shadow'), invalid(/not a regular file/));
    writeFileSync(join(root, 'etc/big'), '');
    truncateSync(join(root, 'etc/big'), 2 * 1024 * 1024);
    await assert.rejects(readFileInRoot(root, '/etc/big'), invalid(/larger than 1048576 bytes/));
    assert.equal(
      (await readFileInRoot(root, '/etc/big', 4 * 1024 * 1024))!.length,
      2 * 1024 * 1024,
    );
  }),
);

test(
  'a symlink loop is refused, a chain of symlinks inside the root is followed',
  withRoots(async (root) => {
    symlinkSync('loop-b', join(root, 'etc/loop-a'));
    symlinkSync('loop-a', join(root, 'etc/loop-b'));
    await assert.rejects(readFileInRoot(root, '/etc/loop-a'), invalid(/too many levels/));
    writeFileSync(join(root, 'etc/real'), 'chained:x:5:5::/:/bin/sh\n');
    symlinkSync('real', join(root, 'etc/one'));
    symlinkSync('/etc/one', join(root, 'etc/passwd'));
    assert.match((await readFileInRoot(root, '/etc/passwd'))!, /^chained:/);
  }),
);
