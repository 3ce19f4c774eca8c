import { test } from 'node:test';
import assert from 'node:assert/strict';
import { childPath, formatSize, parentPath } from './format-size.js';

test('sizes', () => {
  assert.equal(formatSize(0), '0 B');
  assert.equal(formatSize(1023), '1023 B');
  assert.equal(formatSize(1536), '1.5 KiB');
  assert.equal(formatSize(70_000), '68 KiB');
  assert.equal(formatSize(5 * 1024 ** 3), '5.0 GiB');
});

test('paths inside a volume', () => {
  assert.equal(parentPath('/a/b'), '/a');
  assert.equal(parentPath('/a'), '/');
  assert.equal(parentPath('/'), '/');
  assert.equal(childPath('/', 'x'), '/x');
  assert.equal(childPath('/a', 'x'), '/a/x');
});
