import { test } from 'node:test';
import assert from 'node:assert/strict';
import { VerifiedDirs } from './verified-dirs.js';

test('the root is always verified; added dirs are remembered', () => {
  const v = new VerifiedDirs();
  assert.equal(v.has(''), true);
  assert.equal(v.has('a'), false);
  v.add('a');
  v.add('a/b');
  assert.equal(v.has('a'), true);
  assert.equal(v.has('a/b'), true);
});

test('forget drops the path and everything below it, not siblings sharing a prefix', () => {
  const v = new VerifiedDirs();
  for (const d of ['a', 'a/b', 'a/b/c', 'ab', 'ab/c', 'x']) v.add(d);
  v.forget('a');
  assert.deepEqual(
    ['a', 'a/b', 'a/b/c', 'ab', 'ab/c', 'x'].filter((d) => v.has(d)),
    ['ab', 'ab/c', 'x'],
  );
  v.forget('ab/c');
  assert.equal(v.has('ab'), true);
  assert.equal(v.has('ab/c'), false);
});
