import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ProtocolError, toWireError } from './errors.js';

class Foreign extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

test('a ProtocolError keeps its code, message and details', () => {
  const err = new ProtocolError('NOT_FOUND', 'no such host', { hostId: 'h1' });
  assert.deepEqual(toWireError(err), {
    code: 'NOT_FOUND',
    message: 'no such host',
    details: { hostId: 'h1' },
  });
});

test('another copy of an error class with a protocol code is recognised by shape', () => {
  assert.deepEqual(toWireError(new Foreign('INVALID_ARGUMENT', 'bad name', { field: 'name' })), {
    code: 'INVALID_ARGUMENT',
    message: 'bad name',
    details: { field: 'name' },
  });
});

test('details stay behind where the caller says they are not for the wire', () => {
  const err = new Foreign('INTERNAL', 'runc failed', { stderr: 'secret path' });
  assert.deepEqual(
    toWireError(err, () => false),
    { code: 'INTERNAL', message: 'runc failed' },
  );
});

test('anything else is INTERNAL with a generic message', () => {
  for (const thrown of [
    new Error('ENOENT: /etc/berth/key'),
    new Foreign('ENOENT', 'x'),
    'boom',
    null,
  ]) {
    assert.deepEqual(toWireError(thrown), { code: 'INTERNAL', message: 'internal error' });
  }
});
