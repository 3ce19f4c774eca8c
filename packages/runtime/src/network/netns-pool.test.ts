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

test('netns pool: wired ones go to creates that ask for them (else a bare one), are unwired at close and after a crash', () =>
  withDir(async (file) => {
    const h = fakeHost();
    const wired = new Set<string>();
    let failWire = false;
    const io: NetnsPoolIo = {
      ...h.io,
      async wire(id) {
        if (failWire) throw new Error('cni bridge: no such plugin');
        assert.ok(h.netns.has(id), 'wired after its namespace is made');
        wired.add(id);
      },
      async remove(ids) {
        for (const id of ids) {
          wired.delete(id); // the manager's remove DELs a pooled attachment first
          h.netns.delete(id);
        }
      },
    };
    const errors: unknown[] = [];
    const opts = {
      file,
      io,
      newId: h.newId,
      refillDelayMs: 1e6,
      onError: (e: unknown) => errors.push(e),
    };
    const pool = new NetnsPool({ size: 1, wiredSize: 2, ...opts });
    await pool.open();
    await until(() => wired.size === 2 && h.netns.size === 3);
    assert.equal(listed(file).length, 3, 'all listed before they exist');
    const plain = pool.take('plain')!;
    assert.equal(wired.has(plain), false, 'a none/ports create gets a bare namespace');
    assert.equal(pool.take('plain'), null, 'never a wired one for it');
    const w1 = pool.take('wired')!;
    const w2 = pool.take('wired')!;
    assert.ok(wired.has(w1) && wired.has(w2));
    assert.equal(pool.take('wired'), null, 'none left: the create makes its own');
    // w1's container adopted it; w2's create crashed before: the next open unwires w2
    h.claimed.add(w1);
    pool.forget(w1);
    const next = new NetnsPool({ size: 0, wiredSize: 0, ...opts });
    await next.open();
    assert.equal(wired.has(w2), false, 'a taken, never adopted attachment is DELed');
    assert.equal(h.netns.has(w2), false);
    assert.equal(wired.has(w1), true, 'a container’s stays');
    await next.close();
    await pool.close();

    // a wiring failure removes that namespace, warns, and after three stops wiring (bare ones go on)
    failWire = true;
    const p2 = new NetnsPool({ size: 1, wiredSize: 1, ...opts, refillDelayMs: 1 });
    await p2.open();
    for (let i = 0; i < 4; i++) {
      await until(() => errors.length >= Math.min(i + 1, 3));
      const id = p2.take('wired');
      if (id) await p2.discard(id);
    }
    assert.equal(errors.length, 3);
    await until(() => h.netns.size === 2); // w1's + one bare
    assert.equal(wired.size, 1, 'only w1');
    await p2.close();
    assert.deepEqual([...h.netns], [w1]);
  }));

test('netns pool: a take while a refill is still wiring is topped up after it', () =>
  withDir(async (file) => {
    const h = fakeHost();
    const wired = new Set<string>();
    let gate: (() => void) | null = null;
    const io: NetnsPoolIo = {
      ...h.io,
      async wire(id) {
        if (wired.size >= 1) await new Promise<void>((r) => (gate = r)); // the second one waits
        wired.add(id);
      },
    };
    const pool = new NetnsPool({
      size: 1,
      wiredSize: 2,
      file,
      io,
      newId: h.newId,
      refillDelayMs: 1,
    });
    await pool.open();
    await until(() => gate !== null); // one wired, the second wiring under way
    assert.ok(pool.take('plain'), 'the bare one, taken during the fill');
    await new Promise((r) => setTimeout(r, 30)); // its refill falls due while the fill runs
    (gate as (() => void) | null)?.();
    await until(() => h.netns.size === 4 && wired.size === 2);
    assert.equal(h.netns.size, 4, 'the taken one + a new bare one + two wired');
    await pool.close();
  }));
