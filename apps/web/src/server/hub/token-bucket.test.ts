import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTokenBucket } from './token-bucket.js';

test('a burst, then the steady rate', () => {
  let t = 0;
  const b = createTokenBucket({ perSecond: 10, burst: 3, now: () => t });
  assert.deepEqual([b.take(), b.take(), b.take(), b.take()], [true, true, true, false]);
  t += 100; // one token back
  assert.deepEqual([b.take(), b.take()], [true, false]);
  t += 10_000; // refills to the burst, not beyond
  assert.deepEqual([b.take(), b.take(), b.take(), b.take()], [true, true, true, false]);
});
