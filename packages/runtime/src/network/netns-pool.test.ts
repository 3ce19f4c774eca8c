import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NetnsPool, type NetnsPoolIo } from './netns-pool.js';

/** A host of namespaces in a Set; `claimed` = IDs with an attachment cache. */
function fakeHost(o: { failCreate?: boolean } = {}) {
  const netns = new Set<string>();
  const claimed = new Set<string>();
  let n = 0;
  const io: NetnsPoolIo = {
    async create(ids) {
      if (o.failCreate) throw new Error('ip: permission denied');
      for (const id of ids) netns.add(id);
    },
    async remove(ids) {
      for (const id of ids) netns.delete(id);
    },
    claimed: async (id) => claimed.has(id),
  };
  const newId = () => (++n).toString(16).padStart(64, '0');
  return { netns, claimed, io, newId };
}

const tick = () => new Promise((r) => setTimeout(r, 5));
/** Polls (every 5 ms, up to 2 s) until `ok()`. */
async function until(ok: () => boolean): Promise<void> {
  for (let i = 0; i < 400 && !ok(); i++) await tick();
}

async function withDir(fn: (file: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'netns-pool-'));
  try {
    await fn(join(dir, 'netns-pool.json'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const listed = (file: string): string[] =>
  (JSON.parse(readFileSync(file, 'utf8')) as { ids: string[] }).ids;

test('netns pool: fills at open, hands out ready IDs, refills after a take, deletes what is left at close', () =>
  withDir(async (file) => {
    const h = fakeHost();
    const pool = new NetnsPool({ size: 2, file, io: h.io, newId: h.newId, refillDelayMs: 1 });
    await pool.open();
    await until(() => h.netns.size === 2);
    assert.equal(h.netns.size, 2);
    assert.deepEqual(listed(file).sort(), [...h.netns].sort(), 'listed as made');
    const a = pool.take();
    assert.ok(a && h.netns.has(a));
    assert.equal(pool.isTaken(a), true);
    pool.forget(a); // its container saved its cache
    h.claimed.add(a);
    await until(() => h.netns.size === 3);
    assert.equal(h.netns.size, 3, 'refilled to two ready besides the taken one');
    await pool.close();
    assert.deepEqual([...h.netns], [a], 'only the claimed one is left');
    assert.equal(pool.take(), null, 'closed: no more IDs');
  }));

test('netns pool: after a crash, open deletes the listed namespaces nobody claimed', () =>
  withDir(async (file) => {
    const h = fakeHost();
    const first = new NetnsPool({ size: 2, file, io: h.io, newId: h.newId });
    await first.open();
    await until(() => h.netns.size === 2);
    const claimedId = first.take()!;
    h.claimed.add(claimedId);
    const takenNotSaved = first.take()!; // a create that crashed before saving its cache
    // the agent dies here: no close
    const second = new NetnsPool({ size: 1, file, io: h.io, newId: h.newId });
    await second.open();
    await until(() => h.netns.size === 2);
    assert.equal(h.netns.has(claimedId), true, 'a container’s namespace stays');
    assert.equal(h.netns.has(takenNotSaved), false, 'an unclaimed one goes');
    assert.equal(h.netns.size, 2, 'the claimed one + one new ready');
    await second.close();
    assert.deepEqual([...h.netns], [claimedId]);
  }));

test('netns pool: a taken ID discarded (create failed) loses its namespace; a failing host gives no IDs', () =>
  withDir(async (file) => {
    const h = fakeHost();
    const pool = new NetnsPool({ size: 1, file, io: h.io, newId: h.newId, refillDelayMs: 1e6 });
    await pool.open();
    await until(() => h.netns.size === 1);
    const id = pool.take()!;
    await pool.discard(id);
    assert.equal(h.netns.has(id), false);
    await pool.discard(id); // idempotent
    await pool.close();

    const broken = fakeHost({ failCreate: true });
    const errors: unknown[] = [];
    const p2 = new NetnsPool({
      size: 2,
      file,
      io: broken.io,
      newId: broken.newId,
      onError: (e) => errors.push(e),
    });
    await p2.open();
    await until(() => errors.length === 1);
    assert.equal(p2.take(), null);
    assert.equal(errors.length, 1);
    await p2.close();
  }));

test('netns pool: a corrupt or foreign list file is ignored', () =>
  withDir(async (file) => {
    const h = fakeHost();
    writeFileSync(file, JSON.stringify({ ids: ['../../etc', 'x'] }));
    const removed: string[][] = [];
    const pool = new NetnsPool({
      size: 0,
      file,
      io: { ...h.io, remove: async (ids) => void removed.push([...ids]) },
      newId: h.newId,
    });
    await pool.open();
    assert.deepEqual(removed, [[]], 'nothing from a list that does not validate');
    assert.equal(pool.take(), null, 'size 0: no pool');
    const p1 = new NetnsPool({ size: 1, file, io: h.io, newId: h.newId });
    await p1.open();
    await until(() => h.netns.size === 1);
    assert.equal(h.netns.size, 1);
    await p1.close();
  }));
