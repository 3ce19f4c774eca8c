import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DetachKeyScanner, parseDetachKeys } from './detach-keys.js';

test('detach key specs parse to bytes', () => {
  assert.deepEqual([...parseDetachKeys('ctrl-p,ctrl-q')], [16, 17]);
  assert.deepEqual([...parseDetachKeys('a,ctrl-@,ctrl-[')], [97, 0, 27]);
  assert.throws(() => parseDetachKeys('ctrl-pp'), /Invalid detach keys/);
  assert.throws(() => parseDetachKeys('meta-x'), /Invalid detach keys/);
});

test('the sequence detaches and is never forwarded, even split across chunks', () => {
  const s = new DetachKeyScanner(parseDetachKeys('ctrl-p,ctrl-q'));
  assert.deepEqual(s.push(Buffer.from('ls\x10')), { forward: Buffer.from('ls'), detach: false });
  assert.deepEqual(s.push(Buffer.from('\x11rest')), { forward: Buffer.alloc(0), detach: true });
});

test('a broken sequence forwards the held bytes in order', () => {
  const s = new DetachKeyScanner(parseDetachKeys('ctrl-p,ctrl-q'));
  assert.deepEqual(s.push(Buffer.from('\x10')).forward, Buffer.alloc(0));
  assert.deepEqual(s.push(Buffer.from('x')).forward, Buffer.from('\x10x'));
  // ctrl-p ctrl-p ctrl-q: the first ctrl-p is forwarded, the last two detach
  const t = new DetachKeyScanner(parseDetachKeys('ctrl-p,ctrl-q'));
  assert.deepEqual(t.push(Buffer.from('\x10\x10\x11')), {
    forward: Buffer.from('\x10'),
    detach: true,
  });
});
