import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodePax, encodePax } from './tar-pax.js';

test('pax records round-trip binary xattrs and utf-8 paths', () => {
  const cap = Buffer.from([0x01, 0x00, 0x00, 0x02, 0x00, 0x20, 0x00, 0x00, 0xff, 0x80]);
  const enc = encodePax({
    name: 'dir/ünïcode',
    pax: { 'SCHILY.xattr.security.capability': cap.toString('latin1'), mtime: '1.5' },
  });
  const dec = decodePax(enc);
  assert.equal(dec.path, 'dir/ünïcode');
  assert.equal(dec.mtime, '1.5');
  assert.deepEqual(Buffer.from(dec['SCHILY.xattr.security.capability']!, 'latin1'), cap);
});

test('record lengths include their own digits', () => {
  for (let n = 0; n < 120; n++) {
    const enc = encodePax({ pax: { k: 'x'.repeat(n) } });
    assert.equal(Number(enc.toString().split(' ')[0]), enc.length);
    assert.equal(decodePax(enc).k, 'x'.repeat(n));
  }
});
