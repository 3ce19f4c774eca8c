import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sha256, type Digest } from '../digest/digest.js';
import { isRuntimeError } from '../errors.js';
import type { LayerApplier, Snapshotter } from './snapshotter.js';

/** A fresh, empty snapshotter and how to dispose of it. */
export type SnapshotterFactory = () => Promise<{
  snapshotter: Snapshotter;
  close(): Promise<void>;
}>;

/** A layer of one file; its chain ID / diff ID are made up from the name (the snapshotter does not check them). */
function layer(name: string, parent?: Digest) {
  const diffId = sha256(`diff ${name}`);
  const chainId = parent ? sha256(`${parent} ${diffId}`) : diffId;
  let applied = 0;
  const apply: LayerApplier = async (dir) => {
    applied++;
    await writeFile(join(dir, name), name);
    return { size: name.length };
  };
  return { name, chainId, diffId, parent, apply, applied: () => applied };
}

const failing: LayerApplier = async (dir) => {
  await writeFile(join(dir, 'half'), 'half a layer');
  throw new Error('tar stream broken');
};

/**
 * The Snapshotter contract (containerd's snapshots/testsuite): what every implementation must
 * do, checked only through the interface (and the files its mounts point at).
 */
export function snapshotterContract(name: string, factory: SnapshotterFactory): void {
  const withSnapshotter = async (fn: (s: Snapshotter) => Promise<void>) => {
    const { snapshotter, close } = await factory();
    try {
      await snapshotter.init();
      await fn(snapshotter);
    } finally {
      await close();
    }
  };

  describe(`Snapshotter contract: ${name}`, () => {
    test('prepare commits a layer once; get, list and lowerDirs see it', () =>
      withSnapshotter(async (s) => {
        const base = layer('base');
        const made = await s.prepare(base.chainId, undefined, base.diffId, base.apply);
        assert.equal(made.created, true);
        assert.deepEqual(
          [made.info.chainId, made.info.parent, made.info.diffId, made.info.size, made.info.users],
          [base.chainId, undefined, base.diffId, 4, []],
        );
        const again = await s.prepare(base.chainId, undefined, base.diffId, base.apply);
        assert.equal(again.created, false);
        assert.equal(base.applied(), 1);
        assert.deepEqual(await s.get(base.chainId), made.info);
        assert.deepEqual(await s.list(), [made.info]);
        const [dir] = await s.lowerDirs(base.chainId);
        assert.equal(await readFile(join(dir!, 'base'), 'utf8'), 'base');
      }));

    test('a stack: lowerDirs top first, mounts describe an overlay of them', () =>
      withSnapshotter(async (s) => {
        const base = layer('base');
        const top = layer('top', base.chainId);
        // the child may be prepared while its parent is: it commits after it
        await Promise.all([
          s.prepare(top.chainId, top.parent, top.diffId, top.apply),
          s.prepare(base.chainId, undefined, base.diffId, base.apply),
        ]);
        const dirs = await s.lowerDirs(top.chainId);
        assert.equal(dirs.length, 2);
        assert.equal(await readFile(join(dirs[0]!, 'top'), 'utf8'), 'top');
        assert.equal(await readFile(join(dirs[1]!, 'base'), 'utf8'), 'base');
        const rw = { upperdir: '/c/upper', workdir: '/c/work' };
        const [m] = await s.mounts(top.chainId, rw);
        assert.equal(m!.type, 'overlay');
        assert.ok(m!.options.includes(`lowerdir=${dirs.join(':')}`));
        assert.ok(m!.options.includes('upperdir=/c/upper'));
        assert.deepEqual(
          (await s.list()).map((i) => i.chainId),
          [base.chainId, top.chainId],
          'oldest first',
        );
      }));

    test('concurrent prepares of one chain apply the layer once', () =>
      withSnapshotter(async (s) => {
        const base = layer('base');
        const [a, b] = await Promise.all([
          s.prepare(base.chainId, undefined, base.diffId, base.apply),
          s.prepare(base.chainId, undefined, base.diffId, base.apply),
        ]);
        assert.equal(base.applied(), 1);
        assert.deepEqual(a.info, b.info);
      }));

    test('a missing parent or a failed apply leaves nothing; the chain can be prepared later', () =>
      withSnapshotter(async (s) => {
        const orphan = layer('orphan', sha256('no such parent'));
        await assert.rejects(
          s.prepare(orphan.chainId, orphan.parent, orphan.diffId, orphan.apply),
          (e) => isRuntimeError(e, 'FAILED_PRECONDITION'),
        );
        const base = layer('base');
        await assert.rejects(s.prepare(base.chainId, undefined, base.diffId, failing));
        assert.deepEqual(await s.list(), []);
        assert.equal(await s.get(base.chainId), undefined);
        const made = await s.prepare(base.chainId, undefined, base.diffId, base.apply);
        assert.equal(made.created, true);
        const [dir] = await s.lowerDirs(base.chainId);
        await assert.rejects(readFile(join(dir!, 'half')), 'nothing of the failed apply is left');
      }));

    test('remove refuses a snapshot with users or children, and removes it after', () =>
      withSnapshotter(async (s) => {
        const base = layer('base');
        const top = layer('top', base.chainId);
        await s.prepare(base.chainId, undefined, base.diffId, base.apply);
        await s.prepare(top.chainId, top.parent, top.diffId, top.apply);
        await s.addUser(top.chainId, 'container-1');
        await s.addUser(top.chainId, 'container-1');
        assert.deepEqual((await s.get(top.chainId))?.users, ['container-1']);
        const refused = (e: unknown) => isRuntimeError(e, 'FAILED_PRECONDITION');
        await assert.rejects(s.remove(top.chainId), refused);
        await assert.rejects(s.remove(base.chainId), refused);
        await s.removeUser(top.chainId, 'container-1');
        await s.removeUser(sha256('unknown'), 'container-1');
        await s.remove(top.chainId);
        await s.remove(base.chainId);
        assert.deepEqual(await s.list(), []);
        await assert.rejects(s.remove(base.chainId), (e) => isRuntimeError(e, 'NOT_FOUND'));
        await assert.rejects(s.lowerDirs(base.chainId), (e) => isRuntimeError(e, 'NOT_FOUND'));
      }));
  });
}
