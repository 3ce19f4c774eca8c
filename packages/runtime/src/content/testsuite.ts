import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { sha256 } from '../digest/digest.js';
import { isRuntimeError } from '../errors.js';
import type { BlobSource, ContentStore } from './content.js';

/** A fresh, empty store and how to dispose of it. */
export type ContentStoreFactory = () => Promise<{ store: ContentStore; close(): Promise<void> }>;

const from =
  (data: Buffer): BlobSource =>
  async (offset) => ({ stream: Readable.from([data.subarray(offset)]), offset });

/** A source that sends `cut` bytes and then fails, as a dropped connection would. */
const breaking =
  (data: Buffer, cut: number): BlobSource =>
  async (offset) => ({
    stream: Readable.from(
      (async function* () {
        yield data.subarray(offset, cut);
        throw new Error('connection reset');
      })(),
    ),
    offset,
  });

async function readAll(r: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of r) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/**
 * The ContentStore contract (containerd's core/content/testsuite): what every implementation
 * must do, checked only through the interface. An implementation's own test file runs it with
 * a factory for fresh stores.
 */
export function contentStoreContract(name: string, factory: ContentStoreFactory): void {
  const withStore = async (fn: (s: ContentStore) => Promise<void>) => {
    const { store, close } = await factory();
    try {
      await fn(store);
    } finally {
      await close();
    }
  };

  describe(`ContentStore contract: ${name}`, () => {
    test('write, read (buffer and stream), info, list, delete', () =>
      withStore(async (s) => {
        const data = Buffer.from('blob one');
        const r = await s.writeBuffer(data);
        assert.deepEqual(r, { digest: sha256(data), size: data.length, existed: false });
        assert.deepEqual(await s.readBuffer(r.digest), data);
        assert.deepEqual(await readAll(await s.readStream(r.digest)), data);
        assert.deepEqual(await s.info(r.digest), { digest: r.digest, size: data.length });
        assert.equal(await s.has(r.digest), true);
        assert.deepEqual(await s.list(), [{ digest: r.digest, size: data.length }]);
        await s.delete(r.digest);
        await s.delete(r.digest);
        assert.equal(await s.has(r.digest), false);
        assert.equal(await s.info(r.digest), undefined);
        assert.deepEqual(await s.list(), []);
      }));

    test('reading a missing blob is NOT_FOUND', () =>
      withStore(async (s) => {
        const d = sha256('never written');
        await assert.rejects(s.readBuffer(d), (e) => isRuntimeError(e, 'NOT_FOUND'));
        await assert.rejects(s.readStream(d), (e) => isRuntimeError(e, 'NOT_FOUND'));
      }));

    test('a present blob is not fetched again', () =>
      withStore(async (s) => {
        const data = Buffer.from('x'.repeat(100));
        await s.writeBuffer(data);
        let calls = 0;
        const r = await s.write(sha256(data), data.length, async (offset) => {
          calls++;
          return from(data)(offset);
        });
        assert.equal(calls, 0);
        assert.equal(r.existed, true);
      }));

    test('concurrent writes of one digest share one fetch', () =>
      withStore(async (s) => {
        const data = Buffer.from('shared');
        let calls = 0;
        const src: BlobSource = async (offset) => {
          calls++;
          return from(data)(offset);
        };
        const [a, b] = await Promise.all([
          s.write(sha256(data), data.length, src),
          s.write(sha256(data), data.length, src),
        ]);
        assert.equal(calls, 1);
        assert.deepEqual([a.digest, b.digest], [sha256(data), sha256(data)]);
      }));

    test('content that does not match its digest or size is refused and stores nothing', () =>
      withStore(async (s) => {
        const d = sha256('expected');
        await assert.rejects(s.write(d, undefined, from(Buffer.from('other'))), (e) =>
          isRuntimeError(e, 'INVALID_ARGUMENT'),
        );
        await assert.rejects(s.writeBuffer(Buffer.from('other'), d), (e) =>
          isRuntimeError(e, 'INVALID_ARGUMENT'),
        );
        const data = Buffer.from('sized');
        await assert.rejects(s.write(sha256(data), data.length + 1, from(data)), (e) =>
          isRuntimeError(e, 'INVALID_ARGUMENT'),
        );
        assert.deepEqual(await s.list(), []);
        assert.equal(await s.cleanIngests(), 0, 'a refused write keeps no partial data');
      }));

    test('an interrupted write resumes from what it kept (never past what it got)', () =>
      withStore(async (s) => {
        const data = Buffer.from('0123456789abcdef');
        const d = sha256(data);
        await assert.rejects(s.write(d, data.length, breaking(data, 10)), (e) =>
          isRuntimeError(e, 'UNAVAILABLE'),
        );
        assert.equal(await s.has(d), false);
        let asked = -1;
        const r = await s.write(d, data.length, async (offset) => {
          asked = offset;
          return from(data)(offset);
        });
        assert.ok(asked >= 0 && asked <= 10, `resumed at ${asked}`);
        assert.deepEqual(r, { digest: d, size: data.length, existed: false });
        assert.deepEqual(await s.readBuffer(d), data);
      }));

    test('cleanIngests drops partial writes: the next write starts from zero', () =>
      withStore(async (s) => {
        const data = Buffer.from('partial then clean');
        const d = sha256(data);
        await assert.rejects(s.write(d, data.length, breaking(data, 7)));
        assert.equal(await s.cleanIngests(), 1);
        assert.equal(await s.cleanIngests(), 0);
        let asked = -1;
        await s.write(d, data.length, async (offset) => {
          asked = offset;
          return from(data)(offset);
        });
        assert.equal(asked, 0);
      }));

    test('a source that cannot seek sends everything again', () =>
      withStore(async (s) => {
        const data = Buffer.from('restart me from zero');
        const d = sha256(data);
        await assert.rejects(s.write(d, data.length, breaking(data, 5)));
        await s.write(d, data.length, async () => ({ stream: Readable.from([data]), offset: 0 }));
        assert.deepEqual(await s.readBuffer(d), data);
      }));

    test('labels: set, read back, empty for a blob without', () =>
      withStore(async (s) => {
        const a = await s.writeBuffer(Buffer.from('a'));
        const b = await s.writeBuffer(Buffer.from('b'));
        await s.setLabels(a.digest, { 'berth.gc.ref': 'x' });
        assert.deepEqual(await s.labels(a.digest), { 'berth.gc.ref': 'x' });
        assert.deepEqual(await s.labels(b.digest), {});
      }));
  });
}
