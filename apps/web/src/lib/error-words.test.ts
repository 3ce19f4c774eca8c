import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from './api-client.js';
import { couldNot, errorParts } from './error-words.js';

test('errors in people’s words: the message, and the raw detail when there is one', () => {
  const err = new ApiError(412, 'FAILED_PRECONDITION', 'The memory limit 8 MiB is below…', {
    detail: 'runc update …: exit 1: …',
  });
  assert.deepEqual(errorParts(err), {
    message: 'The memory limit 8 MiB is below…',
    detail: 'runc update …: exit 1: …',
  });
  assert.deepEqual(errorParts(new Error('plain')), { message: 'plain', detail: null });
  const offline = errorParts(new TypeError('Failed to fetch'));
  assert.match(offline.message, /could not be reached/);
  assert.equal(offline.detail, 'Failed to fetch');
  assert.equal(couldNot('stop', 'web-1'), 'Could not stop web-1');
});
