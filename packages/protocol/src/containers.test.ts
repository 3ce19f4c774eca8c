import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateContainerRequestSchema,
  EngineEventSchema,
  UpdateContainerRequestSchema,
  parseByteSize,
} from './containers.js';

test('parseByteSize reads docker-style sizes', () => {
  assert.equal(parseByteSize('64m'), 64 * 1024 * 1024);
  assert.equal(parseByteSize('1g'), 1024 ** 3);
  assert.equal(parseByteSize('512K'), 512 * 1024);
  assert.equal(parseByteSize('100'), 100);
  assert.equal(parseByteSize('1.5m'), 1.5 * 1024 * 1024);
  assert.equal(parseByteSize('64mb'), 64 * 1024 * 1024);
  assert.equal(parseByteSize('lots'), null);
  assert.equal(parseByteSize('-1m'), null);
  assert.equal(parseByteSize(''), null);
});

test('CreateContainerRequest fills defaults and rejects unknown keys', () => {
  const r = CreateContainerRequestSchema.parse({ image: 'busybox' });
  assert.deepEqual(r.env, []);
  assert.deepEqual(r.ports, []);
  assert.equal(CreateContainerRequestSchema.safeParse({ image: 'b', bogus: 1 }).success, false);
  assert.equal(CreateContainerRequestSchema.safeParse({ image: 'b', name: '-x' }).success, false);
  assert.equal(
    CreateContainerRequestSchema.safeParse({ image: 'b', env: ['NOEQ'] }).success,
    false,
  );
  assert.equal(UpdateContainerRequestSchema.safeParse({ memory: 0 }).success, false);
});

test('events are told apart by kind', () => {
  const at = new Date(0).toISOString();
  const c = EngineEventSchema.parse({
    kind: 'container',
    type: 'die',
    id: 'a',
    name: 'n',
    image: 'i',
    at,
    exitCode: 1,
  });
  assert.equal(c.kind, 'container');
  assert.equal(
    EngineEventSchema.safeParse({ kind: 'image', type: 'die', id: 'x', at }).success,
    false,
  );
});
