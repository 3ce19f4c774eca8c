import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toStoreRequest } from './credential-form.js';

test('the credentials form: trimmed host and username, the password as typed', () => {
  assert.deepEqual(
    toStoreRequest({ registry: ' https://r.example:5000/ ', username: ' ci ', password: ' p w ' }),
    { ok: true, body: { registry: 'r.example:5000', username: 'ci', password: ' p w ' } },
  );
});

test('the credentials form: what is wrong, field by field, in people’s words', () => {
  assert.deepEqual(toStoreRequest({ registry: '', username: '', password: '' }), {
    ok: false,
    errors: {
      registry: 'Registry host is required.',
      username: 'Username is required.',
      password: 'Password is required.',
    },
  });
  const bad = toStoreRequest({ registry: 'r.example/team', username: 'a:b', password: 'x' });
  assert.deepEqual(bad, {
    ok: false,
    errors: {
      registry: 'Registry host is a host name with an optional port, without a path.',
      username: 'A registry username has no ":" or spaces.',
    },
  });
});
