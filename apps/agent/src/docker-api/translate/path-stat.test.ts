import { test } from 'node:test';
import assert from 'node:assert/strict';
import { goFileMode, pathStatHeader } from './path-stat.js';

test('unix modes become Go FileMode bits', () => {
  assert.equal(goFileMode(0o100644), 0o644);
  assert.equal(goFileMode(0o040755), 2 ** 31 + 0o755);
  assert.equal(goFileMode(0o120777), 2 ** 27 + 0o777);
  assert.equal(goFileMode(0o104755), 2 ** 23 + 0o755);
  assert.equal(goFileMode(0o041777), 2 ** 31 + 2 ** 20 + 0o777);
  assert.equal(goFileMode(0o020666), 2 ** 26 + 2 ** 21 + 0o666);
});

test('the path stat header is base64 JSON in Docker’s field names', () => {
  const h = pathStatHeader({
    name: 'hosts',
    size: 12,
    mode: 0o100644,
    mtime: new Date('2026-01-01T00:00:00Z'),
    linkTarget: '',
    isDirectory: false,
    isSymlink: false,
  });
  assert.deepEqual(JSON.parse(Buffer.from(h, 'base64').toString()), {
    name: 'hosts',
    size: 12,
    mode: 0o644,
    mtime: '2026-01-01T00:00:00.000Z',
    linkTarget: '',
  });
});
