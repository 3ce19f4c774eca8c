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
  assert.equal(Buffer.from(dec.path!, 'latin1').toString('utf8'), 'dir/ünïcode');
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

test('path and linkpath records are bytes: names that are not UTF-8 survive', () => {
  const raw = Buffer.from([0x78, 0xff, 0xfe, 0x2f, 0xe9]);
  const record = (k: string, v: Buffer) => {
    const body = Buffer.concat([Buffer.from(` ${k}=`), v, Buffer.from('\n')]);
    const len = body.length + String(body.length + 2).length;
    return Buffer.concat([Buffer.from(String(len)), body]);
  };
  const dec = decodePax(Buffer.concat([record('path', raw), record('linkpath', raw)]));
  assert.deepEqual(Buffer.from(dec.path!, 'latin1'), raw);
  assert.deepEqual(Buffer.from(dec.linkpath!, 'latin1'), raw);
});
