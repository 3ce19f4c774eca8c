import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { createRuntime } from '../../src/oci-runtime/index.js';
import { launchConmon, readExit, readLogs, type LogEntry } from '../../src/monitor/index.js';
import { makeTestRoots, overlayRootfs, waitFor, type TestRoots } from './helpers.js';
import { writeBundle } from './spec-fixture.js';

let roots: TestRoots;
before(() => {
  roots = makeTestRoots();
});
after(() => roots.cleanup());

test('conmon: sync pipe pid, k8s-file logs, exit file after SIGKILL', async () => {
  const runc = createRuntime('runc', roots.execRoot);
  const id = `mon-${Date.now().toString(36)}`;
  const rootfs = overlayRootfs(roots, id);
  const bundle = join(roots.base, 'bundles', id);
  const exitDir = join(roots.execRoot, 'exits');
  const persistDir = join(bundle, 'persist');
  const logPath = join(bundle, 'ctr.log');
  try {
    writeBundle(bundle, id, rootfs.path, roots.cgroupParent, {
      cmd: ['sh', '-c', 'echo out; echo err >&2; sleep 1000'],
    });
    const { pid } = await launchConmon({
      conmonPath: '/usr/bin/conmon',
      id,
      name: id,
      runtimeBinary: runc.binary,
      runtimeArgs: runc.globalArgs(),
      bundle,
      pidFile: join(bundle, 'pid'),
      conmonPidFile: join(bundle, 'conmon.pid'),
      logPath,
      exitDir,
      persistDir,
      socketDir: join(roots.execRoot, 'socks'),
    });
    assert.ok(pid > 0);
    assert.equal((await runc.state(id))?.pid, pid);
    await runc.start(id);
    const entries = await waitFor(async () => {
      const all: LogEntry[] = [];
      for await (const e of readLogs(logPath)) all.push(e);
      return all.length >= 2 ? all : null;
    }, 'two log lines');
    assert.deepEqual(entries.map((e) => `${e.stream}:${e.text}`).sort(), [
      'stderr:err',
      'stdout:out',
    ]);
    assert.equal(await readExit(exitDir, persistDir, id), null);
    await runc.kill(id, 'KILL');
    const status = await waitFor(() => readExit(exitDir, persistDir, id), 'exit file');
    assert.equal(status, 137);
    await runc.delete(id);
  } finally {
    await runc.delete(id, { force: true }).catch(() => undefined);
    rootfs.release();
  }
});

test('conmon: a create failure comes back as an error, not a pid', async () => {
  const runc = createRuntime('runc', roots.execRoot);
  const id = `bad-${Date.now().toString(36)}`;
  const rootfs = overlayRootfs(roots, id);
  const bundle = join(roots.base, 'bundles', id);
  try {
    writeBundle(bundle, id, rootfs.path, roots.cgroupParent, { cmd: ['/does/not/exist'] });
    await assert.rejects(
      launchConmon({
        conmonPath: '/usr/bin/conmon',
        id,
        name: id,
        runtimeBinary: runc.binary,
        runtimeArgs: runc.globalArgs(),
        bundle,
        pidFile: join(bundle, 'pid'),
        conmonPidFile: join(bundle, 'conmon.pid'),
        logPath: join(bundle, 'ctr.log'),
        exitDir: join(roots.execRoot, 'exits'),
        persistDir: join(bundle, 'persist'),
        socketDir: join(roots.execRoot, 'socks'),
      }),
      /create failed|exited/,
    );
    assert.equal(await runc.state(id), null);
  } finally {
    await runc.delete(id, { force: true }).catch(() => undefined);
    rootfs.release();
  }
});
