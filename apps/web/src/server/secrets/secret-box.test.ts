import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { seal, secretKeyOf, unseal } from './secret-box.js';

const key = secretKeyOf(randomBytes(32));

test('a sealed secret opens with the same key and context, and does not show the plaintext', () => {
  const sealed = seal(key, 'hunter2-ünïcode', 'registry:r.example');
  assert.ok(!sealed.includes('hunter2'));
  assert.match(sealed, new RegExp(`^v1\\.${key.id}\\.`));
  assert.equal(unseal(key, sealed, 'registry:r.example'), 'hunter2-ünïcode');
  assert.notEqual(seal(key, 'same', 'c'), seal(key, 'same', 'c'), 'a fresh IV each time');
});

test('another key, another context, a changed byte or a foreign format do not open', () => {
  const sealed = seal(key, 'pw', 'registry:a');
  const other = secretKeyOf(randomBytes(32));
  assert.throws(() => unseal(other, sealed, 'registry:a'), {
    code: 'FAILED_PRECONDITION',
    message: /another key/,
  });
  assert.throws(() => unseal(key, sealed, 'registry:b'), { code: 'FAILED_PRECONDITION' });
  const parts = sealed.split('.');
  const ct = Buffer.from(parts[4]!, 'base64url');
  ct[0] = ct[0]! ^ 1;
  parts[4] = ct.toString('base64url');
  assert.throws(() => unseal(key, parts.join('.'), 'registry:a'), { code: 'FAILED_PRECONDITION' });
  assert.throws(() => unseal(key, 'pw', 'registry:a'), { code: 'FAILED_PRECONDITION' });
  assert.throws(() => secretKeyOf(randomBytes(16)), { code: 'INVALID_ARGUMENT' });
});
