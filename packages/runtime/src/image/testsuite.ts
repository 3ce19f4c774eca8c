import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sha256 } from '../digest/digest.js';
import { isRuntimeError } from '../errors.js';
import type { ImageStore } from './image-store.js';
import type { ImageRecord } from './records.js';

/** A fresh, empty image store and how to dispose of it. */
export type ImageStoreFactory = () => Promise<{ store: ImageStore; close(): Promise<void> }>;

export const testImageRecord = (
  name: string,
  tags: string[],
  digests: string[] = [],
): ImageRecord => ({
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

const notFound = (e: unknown) => isRuntimeError(e, 'NOT_FOUND');

/** The ImageStore contract: what every implementation must do, checked through the interface. */
export function imageStoreContract(name: string, factory: ImageStoreFactory): void {
  const withStore = async (fn: (s: ImageStore) => Promise<void>) => {
    const { store, close } = await factory();
    try {
      await fn(store);
    } finally {
      await close();
    }
  };
  const record = testImageRecord;

  describe(`ImageStore contract: ${name}`, () => {
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
        await assert.rejects(s.resolve('busybox:other'), notFound);
        await assert.rejects(s.resolve('Not A Ref'), notFound);
      }));

    test('a tag names one image: storing or tagging moves it', () =>
      withStore(async (s) => {
        const a = await s.put(record('a', ['docker.io/library/app:1']));
        const b = await s.put(record('b', ['docker.io/library/app:1']));
        assert.deepEqual((await s.get(a.id))!.repoTags, []);
        assert.deepEqual((await s.get(b.id))!.repoTags, ['docker.io/library/app:1']);
        await s.tag(a.id, 'docker.io/library/app:1');
        assert.deepEqual((await s.get(b.id))!.repoTags, []);
        await assert.rejects(s.tag(sha256('unknown'), 'docker.io/library/app:3'), notFound);
      }));

    test('putting a known ID merges its tags and digests', () =>
      withStore(async (s) => {
        const a = await s.put(record('a', ['docker.io/library/app:1'], ['d1']));
        await s.put(record('a', ['docker.io/library/app:2'], ['d2']));
        const got = (await s.get(a.id))!;
        assert.deepEqual(got.repoTags.sort(), [
          'docker.io/library/app:1',
          'docker.io/library/app:2',
        ]);
        assert.deepEqual(got.repoDigests.sort(), ['d1', 'd2']);
        assert.equal((await s.list()).length, 1);
      }));

    test('untag and remove; unknown ones are NOT_FOUND', () =>
      withStore(async (s) => {
        const a = await s.put(record('a', ['docker.io/library/app:1']));
        assert.equal((await s.untag('docker.io/library/app:1')).id, a.id);
        await assert.rejects(s.untag('docker.io/library/app:1'), notFound);
        assert.deepEqual((await s.get(a.id))!.repoTags, [], 'an untagged image stays (dangling)');
        await s.remove(a.id);
        assert.equal(await s.get(a.id), undefined);
        assert.deepEqual(await s.list(), []);
        await assert.rejects(s.remove(a.id), notFound);
      }));

    test('untag removes a repo digest too, keeping the tags', () =>
      withStore(async (s) => {
        const digestRef = `docker.io/library/app@${sha256('manifest-a')}`;
        const a = await s.put(record('a', ['docker.io/library/app:1'], [digestRef]));
        assert.equal((await s.untag(digestRef)).id, a.id);
        const got = (await s.get(a.id))!;
        assert.deepEqual(got.repoDigests, []);
        assert.deepEqual(got.repoTags, ['docker.io/library/app:1']);
        await assert.rejects(s.untag(digestRef), notFound);
      }));

    test('an ambiguous short ID is refused', () =>
      withStore(async (s) => {
        // two names whose config digests share a 4-hex prefix
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
  });
}
