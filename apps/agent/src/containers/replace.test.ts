import { test } from 'node:test';
import assert from 'node:assert/strict';
import { replacementRequest } from './replace.js';

test('a replacement keeps the old name; a request naming another container is refused', () => {
  assert.deepEqual(replacementRequest('web', { image: 'busybox' }), {
    image: 'busybox',
    name: 'web',
  });
  assert.deepEqual(replacementRequest('web', { image: 'busybox', name: 'web' }).name, 'web');
  assert.throws(
    () => replacementRequest('web', { image: 'busybox', name: 'web-2' }),
    (err: Error & { code?: string }) =>
      err.code === 'INVALID_ARGUMENT' && /keeps the name "web"/.test(err.message),
  );
});
