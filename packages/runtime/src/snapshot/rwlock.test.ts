import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RwLock } from './rwlock.js';

const gate = () => {
  let open!: () => void;
  const p = new Promise<void>((r) => (open = r));
  return { p, open };
};

test('shared sections overlap; an exclusive one waits for them and holds later ones back', async () => {
  const lock = new RwLock();
  const log: string[] = [];
  const g1 = gate();
  const g2 = gate();
  const r1 = lock.shared(async () => {
    log.push('r1 start');
    await g1.p;
    log.push('r1 end');
  });
  const r2 = lock.shared(async () => {
    log.push('r2 start');
    await g2.p;
    log.push('r2 end');
  });
  const w = lock.exclusive(async () => {
    log.push('w');
  });
  const r3 = lock.shared(async () => {
    log.push('r3');
  });
  await Promise.resolve();
  assert.deepEqual(log, ['r1 start', 'r2 start']);
  g1.open();
  await r1;
  assert.ok(!log.includes('w'));
  g2.open();
  await Promise.all([r2, w, r3]);
  assert.deepEqual(log, ['r1 start', 'r2 start', 'r1 end', 'r2 end', 'w', 'r3']);
});

test('a failing section releases the lock', async () => {
  const lock = new RwLock();
  await assert.rejects(
    lock.exclusive(async () => Promise.reject(new Error('boom'))),
    /boom/,
  );
  await assert.rejects(
    lock.shared(async () => Promise.reject(new Error('boom2'))),
    /boom2/,
  );
  assert.equal(await lock.exclusive(async () => 7), 7);
});
