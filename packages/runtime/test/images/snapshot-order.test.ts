import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { OverlaySnapshotter } from '../../src/snapshot/overlay-snapshotter.js';
import { chainIds } from '../../src/snapshot/chain.js';
import { sha256 } from '../../src/digest/digest.js';
import { isRuntimeError } from '../../src/errors.js';
import { withTempDir } from '@berth/testkit';

const diffIds = [sha256('base'), sha256('middle'), sha256('top')];
const chains = chainIds(diffIds);

const gate = () => {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return { open, opened };
};

test('layers of one chain apply at once and commit in chain order', () =>
  withTempDir('snap-order', async (dir) => {
    const snap = new OverlaySnapshotter(join(dir, 'snapshots'));
    const gates = diffIds.map(() => gate());
    const done = diffIds.map(() => gate());
    const applied: number[] = [];
    const preps = diffIds.map((d, i) =>
      snap.prepare(chains[i]!, chains[i - 1], d, async (fs) => {
        await writeFile(join(fs, `layer${i}`), String(i));
        await gates[i]!.opened;
        applied.push(i);
        done[i]!.open();
        return { size: 1 };
      }),
    );
    // the top layer finishes applying first, the base last: commits still go base → top
    gates[2]!.open();
    await done[2]!.opened;
    gates[1]!.open();
    await done[1]!.opened;
    assert.deepEqual(await snap.list(), []);
    gates[0]!.open();
    const infos = (await Promise.all(preps)).map((p) => p.info);
    assert.deepEqual(applied, [2, 1, 0]);
    assert.deepEqual(
      infos.map((i) => i.parent),
      [undefined, chains[0], chains[1]],
    );
    assert.ok(infos[0]!.id < infos[1]!.id && infos[1]!.id < infos[2]!.id);
    for (const [i, info] of infos.entries())
      assert.equal(await readFile(join(snap.fsPath(info), `layer${i}`), 'utf8'), String(i));
  }));

test('a failed parent fails the children that applied meanwhile, leaving nothing', () =>
  withTempDir('snap-order-fail', async (dir) => {
    const root = join(dir, 'snapshots');
    const snap = new OverlaySnapshotter(root);
    const parentGate = gate();
    const parent = snap.prepare(chains[0]!, undefined, diffIds[0]!, async (fs) => {
      await writeFile(join(fs, 'f'), 'x');
      await parentGate.opened;
      throw new Error('parent apply broke');
    });
    const child = snap.prepare(chains[1]!, chains[0], diffIds[1]!, async (fs) => {
      await writeFile(join(fs, 'g'), 'y');
      parentGate.open();
      return { size: 1 };
    });
    await assert.rejects(parent, /parent apply broke/);
    await assert.rejects(child, (e: unknown) => {
      assert.ok(isRuntimeError(e, 'FAILED_PRECONDITION'), String(e));
      assert.match(e.message, /parent snapshot .* failed/);
      return true;
    });
    assert.deepEqual(await snap.list(), []);
    assert.deepEqual(
      (await readdir(root)).filter((n) => n !== 'metadata.json'),
      [],
    );
  }));

test('a parent neither committed nor being prepared is refused before applying', () =>
  withTempDir('snap-order-orphan', async (dir) => {
    const snap = new OverlaySnapshotter(join(dir, 'snapshots'));
    let applied = false;
    await assert.rejects(
      snap.prepare(chains[1]!, chains[0], diffIds[1]!, async () => {
        applied = true;
        return { size: 0 };
      }),
      (e: unknown) => isRuntimeError(e, 'FAILED_PRECONDITION'),
    );
    assert.equal(applied, false);
  }));

test('the snapshot root is marked as a top directory where the filesystem supports it', () =>
  withTempDir('snap-topdir', async (dir) => {
    const root = join(dir, 'snapshots');
    await new OverlaySnapshotter(root).init();
    let flags: string;
    try {
      flags = (await promisify(execFile)('lsattr', ['-d', root])).stdout.split(' ')[0]!;
    } catch {
      return; // no lsattr, or a filesystem without inode flags: nothing to check
    }
    assert.match(flags, /T/);
  }));
