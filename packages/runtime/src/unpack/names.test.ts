import { test } from 'node:test';
import assert from 'node:assert/strict';
import { binaryPath, displayName, fdPath, fsPath } from './names.js';

test('binary-string paths keep every byte, UTF-8 or not', () => {
  const raw = Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x2f, 0xff, 0xfe]);
  const p = raw.toString('latin1');
  assert.deepEqual(fsPath(p), raw);
  assert.equal(fsPath(binaryPath('/var/lib/bérth')).toString('utf8'), '/var/lib/bérth');
  assert.equal(displayName(binaryPath('ünï')), 'ünï');
  assert.equal(displayName(p), 'caf\ufffd/\ufffd\ufffd');
  assert.equal(fdPath(7), '/proc/self/fd/7');
  assert.equal(fdPath(7, 42), '/proc/42/fd/7');
});
