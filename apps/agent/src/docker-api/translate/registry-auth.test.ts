import { test } from 'node:test';
import assert from 'node:assert/strict';
import { credentialsOf, decodeRegistryAuth } from './registry-auth.js';

const b64url = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

test('X-Registry-Auth: username and password, in base64url or base64', () => {
  const creds = { username: 'u', password: 'p+/?', serveraddress: '127.0.0.1:5000' };
  assert.deepEqual(decodeRegistryAuth(b64url(creds)), { username: 'u', password: 'p+/?' });
  assert.deepEqual(decodeRegistryAuth(Buffer.from(JSON.stringify(creds)).toString('base64')), {
    username: 'u',
    password: 'p+/?',
  });
});

test('X-Registry-Auth: absent or empty carries no credentials', () => {
  assert.equal(decodeRegistryAuth(undefined), undefined);
  assert.equal(decodeRegistryAuth(''), undefined);
  assert.equal(decodeRegistryAuth('e30='), undefined, '{}');
});

test('X-Registry-Auth: the auth field as base64 user:pass', () => {
  assert.deepEqual(decodeRegistryAuth(b64url({ auth: Buffer.from('u:p:q').toString('base64') })), {
    username: 'u',
    password: 'p:q',
  });
  assert.throws(
    () => credentialsOf({ auth: Buffer.from('nocolon').toString('base64') }),
    /user:password/,
  );
});

test('X-Registry-Auth: malformed headers are a 400, tokens are refused', () => {
  const bad = (e: Error & { code?: string }) => e.code === 'INVALID_ARGUMENT';
  assert.throws(() => decodeRegistryAuth('not base64!'), bad);
  assert.throws(() => decodeRegistryAuth(Buffer.from('not json').toString('base64')), bad);
  assert.throws(() => decodeRegistryAuth(b64url({ username: 5 })), bad);
  assert.throws(() => decodeRegistryAuth(b64url([1])), bad);
  assert.throws(() => decodeRegistryAuth('A'.repeat(20000)), bad);
  assert.throws(
    () => decodeRegistryAuth(b64url({ identitytoken: 'tok' })),
    (e: Error & { code?: string }) => e.code === 'UNIMPLEMENTED',
  );
});
