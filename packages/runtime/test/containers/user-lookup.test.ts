import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openFixture, type Fixture } from './manager-fixture.js';
import { isRuntimeError } from '../../src/errors.js';

/**
 * `exec -u NAME` reads the container's /etc/passwd and /etc/group while the container runs and
 * may have rewritten them: links out of its root, FIFOs and huge files must not reach the agent.
 */
let fx: Fixture;
let id: string;
let hostPasswd: string;

before(async () => {
  fx = await openFixture();
  hostPasswd = join(fx.roots.base, 'host-passwd');
  writeFileSync(hostPasswd, 'hostuser:x:4242:4242::/:/bin/sh\n');
  const c = await fx.manager.create({
    image: { config: { cmd: ['sleep', '1000'] } },
    options: { network: 'none' },
  });
  id = c.id;
  await fx.manager.start(id);
});
after(() => fx.cleanup());

/** Runs a shell command in the container (as its default user, root: no lookup); must succeed. */
async function sh(cmd: string): Promise<void> {
  const r = await fx.manager.exec(id, { cmd: ['sh', '-c', `set -e; ${cmd}`] });
  assert.equal(r.exitCode, 0, `${cmd}: ${r.stderr}`);
}
const unknownUser = (e: unknown) =>
  isRuntimeError(e, 'INVALID_ARGUMENT') && /unable to find user hostuser/.test(e.message);

test('a passwd symlinked to a host file is resolved inside the container, not on the host', async () => {
  await sh(`busybox ln -sf ${hostPasswd} /etc/passwd`);
  await assert.rejects(fx.manager.exec(id, { cmd: ['id'], user: 'hostuser' }), unknownUser);
  await sh('mkdir -p /etc2; busybox rm /etc/passwd');
  await sh(
    'echo "app:x:1000:1000::/:/bin/sh" > /etc2/passwd; busybox ln -s /etc2/passwd /etc/passwd',
  );
  const r = await fx.manager.exec(id, { cmd: ['id', '-u'], user: 'app' });
  assert.equal(r.stdout.trim(), '1000', 'a link inside the container still works');
});

test('a huge passwd is refused, then a FIFO as passwd is refused at once', async () => {
  await sh('yes app:x:1000:1000::/:/bin/sh | head -c 1150000 > /etc/passwd');
  await assert.rejects(
    fx.manager.exec(id, { cmd: ['id'], user: 'app' }),
    (e) => isRuntimeError(e, 'INVALID_ARGUMENT') && /larger than/.test(e.message),
  );
  // last: runc itself opens the container's passwd when it starts an exec, and a FIFO blocks it
  await sh('busybox rm -f /etc/passwd; busybox mkfifo /etc/passwd');
  await assert.rejects(
    fx.manager.exec(id, { cmd: ['id'], user: 'app' }),
    (e) => isRuntimeError(e, 'INVALID_ARGUMENT') && /not a regular file/.test(e.message),
  );
});

test('create: an image whose /etc/group links to a host file does not see the host file', async () => {
  const own = await openFixture();
  try {
    const hostGroup = join(own.roots.base, 'host-group');
    writeFileSync(hostGroup, 'hostgroup:x:4343:\n');
    rmSync(join(own.roots.rootfsBase, 'etc/group'));
    symlinkSync(hostGroup, join(own.roots.rootfsBase, 'etc/group'));
    await assert.rejects(
      own.manager.create({
        image: { config: { cmd: ['true'], user: 'app:hostgroup' } },
        options: { network: 'none' },
      }),
      (e) =>
        isRuntimeError(e, 'INVALID_ARGUMENT') && /unable to find group hostgroup/.test(e.message),
    );
    assert.deepEqual(own.manager.list(), [], 'nothing half-made');
  } finally {
    await own.cleanup();
  }
});
