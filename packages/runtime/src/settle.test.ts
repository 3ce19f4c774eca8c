import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allSettledOrThrow } from './settle.js';

test('allSettledOrThrow: the values in order, or the first failure once every promise settled', async () => {
  assert.deepEqual(await allSettledOrThrow([Promise.resolve(1), Promise.resolve('a')]), [1, 'a']);
  let lateDone = false;
  const late = new Promise<void>((r) => setTimeout(() => ((lateDone = true), r()), 20));
  await assert.rejects(
    allSettledOrThrow([
      Promise.reject(new Error('first')),
      late,
      Promise.reject(new Error('second')),
    ]),
    /first/,
  );
  assert.equal(lateDone, true);
});
