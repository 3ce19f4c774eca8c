import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rotation } from './rounds.js';

test('rotation puts each item first in turn, negative rounds included', () => {
  const items = ['a', 'b', 'c', 'd'];
  assert.deepEqual(rotation(items, 0), ['a', 'b', 'c', 'd']);
  assert.deepEqual(rotation(items, 1), ['b', 'c', 'd', 'a']);
  assert.deepEqual(rotation(items, 5), ['b', 'c', 'd', 'a']);
  assert.deepEqual(rotation(items, -1), ['d', 'a', 'b', 'c']);
});
