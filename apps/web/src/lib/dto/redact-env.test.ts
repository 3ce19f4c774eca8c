import { test } from 'node:test';
import assert from 'node:assert/strict';
import { redactEnv, REDACTED_VALUE } from './redact-env.js';

test('values are hidden, names kept', () => {
  assert.deepEqual(redactEnv(['DB_PASSWORD=hunter2', 'EMPTY=', 'URL=a=b', 'ODD']), [
    `DB_PASSWORD=${REDACTED_VALUE}`,
    `EMPTY=${REDACTED_VALUE}`,
    `URL=${REDACTED_VALUE}`,
    `ODD=${REDACTED_VALUE}`,
  ]);
});
