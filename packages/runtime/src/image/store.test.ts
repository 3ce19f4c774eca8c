import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImageStore } from './store.js';
import type { ImageRecord } from './records.js';
import { sha256 } from '../digest/digest.js';
import { isRuntimeError } from '../errors.js';

const record = (name: string, tags: string[], digests: string[] = []): ImageRecord => ({
  id: sha256(`cfg-${name}`),
  configSize: 1,
  manifestDigest: sha256(`m-${name}`),
  manifestMediaType: 'application/vnd.oci.image.manifest.v1+json',
  manifestSize: 1,
  repoTags: tags,
  repoDigests: digests,
  platform: { os: 'linux', architecture: 'amd64' },
  layers: [],
  storedAt: 'now',
});

async function withStore(fn: (s: ImageStore, dir: string) => Promise<void>) {
  const dir = await mkdtemp(join(tmpdir(), 'berth-images-'));
  try {
    await fn(new ImageStore(dir), dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test('resolve by name, tag, repo digest, full and short ID', () =>
  withStore(async (s) => {
    const a = await s.put(
      record(
        'a',
        ['docker.io/library/busybox:latest'],
        [`docker.io/library/busybox@${sha256('m-a')}`],
      ),
    );
    assert.equal((await s.resolve('busybox')).id, a.id);
    assert.equal((await s.resolve('docker.io/library/busybox:latest')).id, a.id);
    assert.equal((await s.resolve(`busybox@${sha256('m-a')}`)).id, a.id);
    assert.equal((await s.resolve(a.id)).id, a.id);
    assert.equal((await s.resolve(a.id.slice(7, 19))).id, a.id);
    await assert.rejects(s.resolve('busybox:other'), (e) => isRuntimeError(e, 'NOT_FOUND'));
    await assert.rejects(s.resolve('Not A Ref'), (e) => isRuntimeError(e, 'NOT_FOUND'));
  }));

test('a tag names one image: storing or tagging moves it; records survive reopening', () =>
  withStore(async (s, dir) => {
    const a = await s.put(record('a', ['docker.io/library/app:1']));
    const b = await s.put(record('b', ['docker.io/library/app:1']));
    assert.deepEqual((await s.get(a.id))!.repoTags, []);
    assert.deepEqual((await s.get(b.id))!.repoTags, ['docker.io/library/app:1']);
    await s.tag(a.id, 'docker.io/library/app:1');
    assert.deepEqual((await s.get(b.id))!.repoTags, []);
    await s.put(record('a', ['docker.io/library/app:2']));
    assert.deepEqual((await s.get(a.id))!.repoTags.sort(), [
      'docker.io/library/app:1',
      'docker.io/library/app:2',
    ]);
    const reopened = new ImageStore(dir);
    assert.equal((await reopened.list()).length, 2);
    assert.equal((await stat(join(dir, 'images.json'))).isFile(), true);
    const untagged = await reopened.untag('docker.io/library/app:1');
    assert.equal(untagged.id, a.id);
    await assert.rejects(reopened.untag('docker.io/library/app:1'), (e) =>
      isRuntimeError(e, 'NOT_FOUND'),
    );
    await reopened.remove(b.id);
    await assert.rejects(reopened.remove(b.id), (e) => isRuntimeError(e, 'NOT_FOUND'));
  }));

test('an ambiguous short ID is refused', () =>
  withStore(async (s) => {
    // find two names whose config digests share a 4-hex prefix
    const seen = new Map<string, string>();
    let pair: [string, string] | undefined;
    for (let i = 0; !pair; i++) {
      const p = sha256(`cfg-x${i}`).slice(7, 11);
      const prev = seen.get(p);
      if (prev) pair = [prev, `x${i}`];
      else seen.set(p, `x${i}`);
    }
    await s.put(record(pair[0], []));
    await s.put(record(pair[1], []));
    await assert.rejects(
      s.resolve(sha256(`cfg-${pair[0]}`).slice(7, 11)),
      (e) => isRuntimeError(e, 'INVALID_ARGUMENT') && /ambiguous/.test(e.message),
    );
  }));
