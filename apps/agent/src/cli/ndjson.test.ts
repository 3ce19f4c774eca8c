import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLineSplitter } from './ndjson.js';

test('lines split across chunks are joined; blank lines dropped; flush returns the rest', () => {
  const s = createLineSplitter();
  assert.deepEqual(s.push('{"a":1}\n{"b"'), ['{"a":1}']);
  assert.deepEqual(s.push(':2}\n\n{"c"'), ['{"b":2}']);
  assert.deepEqual(s.push(':3}'), []);
  assert.deepEqual(s.flush(), ['{"c":3}']);
  assert.deepEqual(s.flush(), []);
});
