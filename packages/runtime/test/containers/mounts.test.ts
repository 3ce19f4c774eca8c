import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync, readFileSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { openFixture, type Fixture } from './manager-fixture.js';
import { isRuntimeError } from '../../src/errors.js';

let fx: Fixture;
before(async () => {
  fx = await openFixture();
});
after(() => fx.cleanup());

test('read-only rootfs, tmpfs, ro bind mount, named volume (refused rm while in use)', async () => {
  const m = fx.manager;
  const hostDir = join(fx.roots.base, 'hostdir');
  mkdirSync(hostDir);
  writeFileSync(join(hostDir, 'greeting'), 'from host\n');
  const c = await m.create({
    image: { config: { cmd: ['sleep', '1000'], workingDir: '/data', user: 'app' } },
    options: {
      network: 'none',
      readOnly: true,
      tmpfs: { '/scratch': 'size=1m' },
      volumes: [`${hostDir}:/host:ro`, 'berthvol:/data'],
      hostname: 'boxy',
      env: ['MODE=test'],
    },
  });
  await m.start(c.id);
  const vol = await m.deps.volumes.inspect('berthvol');
  const script = [
    'cat /host/greeting',
    'touch /host/x 2>/dev/null && echo host-writable || echo host-ro',
    'touch /rootfile 2>/dev/null && echo root-writable || echo root-ro',
    'echo tmp > /scratch/f && cat /scratch/f',
    'pwd; id -u; hostname; echo $MODE',
    'grep -c . /proc/self/mountinfo >/dev/null && echo mounts-ok',
  ].join('; ');
  // /data is owned by root: the volume write is done as root, the rest as the image user
  const asRoot = await m.exec(c.id, {
    cmd: ['sh', '-c', 'echo persisted > /data/file && echo vol-ok'],
    user: 'root',
  });
  assert.equal(asRoot.stdout.trim(), 'vol-ok');
  const r = await m.exec(c.id, { cmd: ['sh', '-c', script] });
  const lines = r.stdout.trim().split('\n');
  assert.deepEqual(lines.slice(0, 4), ['from host', 'host-ro', 'root-ro', 'tmp']);
  assert.deepEqual(lines.slice(4), ['/data', '1000', 'boxy', 'test', 'mounts-ok']);
  assert.equal(readFileSync(join(vol.mountpoint, 'file'), 'utf8'), 'persisted\n');

  await assert.rejects(m.deps.volumes.remove('berthvol'), (e) =>
    isRuntimeError(e, 'FAILED_PRECONDITION'),
  );
  await m.remove(c.id, { force: true });
  assert.ok(existsSync(vol.mountpoint), 'removing a container keeps its named volume');
  await m.deps.volumes.remove('berthvol');
  assert.equal(existsSync(vol.mountpoint), false);
});

test('capabilities: default set drops NET_ADMIN; capAdd and privileged grant it', async () => {
  const m = fx.manager;
  const capEff = async (options: Record<string, unknown>) => {
    const c = await m.create({
      image: { config: { cmd: ['sleep', '1000'] } },
      options: { network: 'none', ...options },
    });
    await m.start(c.id);
    const r = await m.exec(c.id, { cmd: ['sh', '-c', 'grep CapBnd /proc/1/status'] });
    await m.remove(c.id, { force: true });
    return BigInt(`0x${r.stdout.trim().split(/\s+/)[1]}`);
  };
  const NET_ADMIN = 1n << 12n;
  const SYS_ADMIN = 1n << 21n;
  const defaults = await capEff({});
  assert.equal(defaults & NET_ADMIN, 0n);
  assert.equal(defaults & SYS_ADMIN, 0n);
  assert.equal((await capEff({ capAdd: ['NET_ADMIN'] })) & NET_ADMIN, NET_ADMIN);
  assert.equal((await capEff({ privileged: true })) & SYS_ADMIN, SYS_ADMIN);
});

test('conmon log-size-max: the log stays bounded and the reader keeps the newest lines', async () => {
  fx.manager.close();
  const { manager } = await fx.reopen({ logSizeMax: 4096 });
  fx.manager = manager;
  const c = await manager.create({
    image: {
      config: {
        entrypoint: ['sh', '-c'],
        cmd: ['i=0; while [ $i -lt 2000 ]; do echo line-$i; i=$((i+1)); done; echo done'],
      },
    },
    options: { network: 'none' },
  });
  await manager.start(c.id);
  assert.equal((await manager.wait(c.id)).exitCode, 0);
  const lines: string[] = [];
  for await (const e of manager.logs(c.id)) lines.push(e.text);
  assert.equal(lines[lines.length - 1], 'done');
  assert.ok(!lines.includes('line-0'), 'the oldest lines were truncated away');
  assert.ok(statSync(manager.get(c.id).logPath).size <= 4096);
  await manager.remove(c.id);
});
