import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EntryPool } from './entry-pool.js';

const deferred = () => {
  let resolve!: () => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
};

test('busy reports the path itself and its ancestors, not siblings or descendants', async () => {
  const pool = new EntryPool(4);
  const d = deferred();
  await pool.add('a/b', () => d.promise);
  assert.equal(pool.busy('a/b'), true);
  assert.equal(pool.busy('a/b/c'), true);
  assert.equal(pool.busy('a/b/c/d'), true);
  assert.equal(pool.busy('a'), false);
  assert.equal(pool.busy('a/bc'), false);
  assert.equal(pool.busy('a/c'), false);
  d.resolve();
  await pool.drain();
  assert.equal(pool.busy('a/b'), false);
});

test('never runs more than the limit at once', async () => {
  const pool = new EntryPool(2);
  let active = 0;
  let peak = 0;
  const gates = Array.from({ length: 5 }, () => deferred());
  const adding = (async () => {
    for (const [i, g] of gates.entries()) {
      await pool.add(`f${i}`, async () => {
        active++;
        peak = Math.max(peak, active);
        await g.promise;
        active--;
      });
    }
  })();
  for (const g of gates) {
    await new Promise((r) => setImmediate(r));
    g.resolve();
  }
  await adding;
  await pool.drain();
  assert.equal(peak, 2);
  assert.equal(active, 0);
});

test('the first failure is kept, stops new ops, and is thrown by drain after everything settled', async () => {
  const pool = new EntryPool(4);
  const slow = deferred();
  let slowDone = false;
  await pool.add('slow', async () => {
    await slow.promise;
    slowDone = true;
  });
  await pool.add('bad', () => Promise.reject(new Error('first')));
  await new Promise((r) => setImmediate(r));
  assert.throws(() => pool.check(), /first/);
  let laterRan = false;
  const later = async () => {
    laterRan = true;
  };
  await assert.rejects(pool.add('later', later), /first/);
  const drained = pool.drain();
  slow.resolve();
  await assert.rejects(drained, /first/);
  assert.equal(slowDone, true);
  assert.equal(laterRan, false);
});
