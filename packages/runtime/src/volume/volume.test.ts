import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseMountSpec, bindMount } from './mount-spec.js';
import { VolumeStore } from './volume-store.js';
import { isRuntimeError } from '../errors.js';

const invalid = (e: unknown) => isRuntimeError(e, 'INVALID_ARGUMENT');

test('parseMountSpec: binds, named volumes, modes, bad specs', () => {
  assert.deepEqual(parseMountSpec('/host/dir:/data:ro'), {
    kind: 'bind',
    source: '/host/dir',
    target: '/data',
    readOnly: true,
  });
  assert.deepEqual(parseMountSpec('cache:/var/cache'), {
    kind: 'volume',
    name: 'cache',
    target: '/var/cache',
    readOnly: false,
  });
  for (const bad of [
    '/a',
    '/a:rel',
    '/a:/b:xx',
    '/a:/',
    '/x/../y:/b',
    'a:/b',
    '$bad:/b',
    '/a:/b:ro:z',
  ]) {
    assert.throws(() => parseMountSpec(bad), invalid, bad);
  }
  assert.deepEqual(bindMount('/s', '/t', true).options, ['rbind', 'ro', 'rprivate']);
});

test('VolumeStore: create/ls/inspect/rm, refuses duplicates, bad names and in-use removal', async () => {
  const root = mkdtempSync(join(tmpdir(), 'vols-'));
  const inUse = new Set<string>();
  const store = new VolumeStore(root, (n) => inUse.has(n));
  const v = await store.create('data', { app: 'x' });
  assert.equal(v.mountpoint, join(root, 'volumes/data/_data'));
  assert.ok(existsSync(v.mountpoint));
  await assert.rejects(store.create('data'), (e) => isRuntimeError(e, 'ALREADY_EXISTS'));
  await assert.rejects(store.create('../evil'), invalid);
  assert.deepEqual(
    (await store.list()).map((x) => x.name),
    ['data'],
  );
  assert.equal((await store.ensure('other')).name, 'other');
  inUse.add('data');
  await assert.rejects(store.remove('data'), (e) => isRuntimeError(e, 'FAILED_PRECONDITION'));
  inUse.clear();
  await store.remove('data');
  await assert.rejects(store.inspect('data'), (e) => isRuntimeError(e, 'NOT_FOUND'));
  rmSync(root, { recursive: true });
});
