import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createProgressThrottle } from './progress-throttle.js';

test('status changes always pass, byte updates are limited per layer, completion passes', () => {
  let t = 0;
  const pass = createProgressThrottle(250, () => t);
  const p = (layer: string, status: 'downloading' | 'extracting', current: number) => ({
    layer,
    status,
    current,
    total: 100,
  });
  assert.equal(pass(p('a', 'downloading', 1)), true);
  t = 100;
  assert.equal(pass(p('a', 'downloading', 2)), false);
  assert.equal(pass(p('b', 'downloading', 2)), true, 'other layers are independent');
  assert.equal(pass(p('a', 'extracting', 0)), true, 'status change');
  t = 150;
  assert.equal(pass(p('a', 'extracting', 100)), true, 'current === total');
  t = 400;
  assert.equal(pass(p('b', 'downloading', 50)), true, 'interval elapsed');
});
