import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileImageStore } from './file-store.js';
import { imageStoreContract, testImageRecord as record } from './testsuite.js';

imageStoreContract('FileImageStore', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'berth-images-'));
  return { store: new FileImageStore(dir), close: () => rm(dir, { recursive: true, force: true }) };
});

test('FileImageStore: records survive reopening, in <data-root>/images.json', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'berth-images-'));
  try {
    const s = new FileImageStore(dir);
    const a = await s.put(record('a', ['docker.io/library/app:1']));
    await s.put(record('b', ['docker.io/library/app:2']));
    const reopened = new FileImageStore(dir);
    assert.equal((await reopened.list()).length, 2);
    assert.deepEqual((await reopened.get(a.id))?.repoTags, ['docker.io/library/app:1']);
    assert.equal((await stat(join(dir, 'images.json'))).isFile(), true);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
