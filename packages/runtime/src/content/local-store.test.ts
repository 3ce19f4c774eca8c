import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, writeFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { LocalContentStore } from './local-store.js';
import { contentStoreContract } from './testsuite.js';
import { digestHex, sha256 } from '../digest/digest.js';
import { isRuntimeError } from '../errors.js';

contentStoreContract('LocalContentStore', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'berth-content-'));
  return {
    store: new LocalContentStore(dir),
    close: () => rm(dir, { recursive: true, force: true }),
  };
});

// What only the local layout shows: blobs/sha256/<hex>, ingest/<hex>/data.

async function withStore(fn: (s: LocalContentStore, dir: string) => Promise<void>) {
  const dir = await mkdtemp(join(tmpdir(), 'berth-content-'));
  try {
    await fn(new LocalContentStore(dir), dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test('a digest mismatch stores nothing', () =>
  withStore(async (s, dir) => {
    const d = sha256('expected');
    await assert.rejects(
      s.write(d, undefined, async () => ({
        stream: Readable.from([Buffer.from('other')]),
        offset: 0,
      })),
      (e) => isRuntimeError(e, 'INVALID_ARGUMENT') && /digest mismatch/.test(e.message),
    );
    assert.equal(await s.has(d), false);
    assert.deepEqual(await readdir(join(dir, 'ingest')), []);
  }));

test('a leftover partial ingest is resumed from its offset', () =>
  withStore(async (s, dir) => {
    const data = Buffer.from('0123456789abcdef');
    const d = sha256(data);
    await mkdir(join(dir, 'ingest', digestHex(d)), { recursive: true });
    await writeFile(join(dir, 'ingest', digestHex(d), 'data'), data.subarray(0, 10));
    let asked = -1;
    const r = await s.write(d, data.length, async (offset) => {
      asked = offset;
      return { stream: Readable.from([data.subarray(offset)]), offset };
    });
    assert.equal(asked, 10);
    assert.equal(r.size, 16);
    assert.deepEqual(await s.readBuffer(d), data);
  }));

test('a source that cannot seek restarts from zero; cleanIngests removes leftovers', () =>
  withStore(async (s, dir) => {
    const data = Buffer.from('restart me');
    const d = sha256(data);
    await mkdir(join(dir, 'ingest', digestHex(d)), { recursive: true });
    await writeFile(join(dir, 'ingest', digestHex(d), 'data'), Buffer.from('rest'));
    await s.write(d, data.length, async () => ({ stream: Readable.from([data]), offset: 0 }));
    assert.deepEqual(await s.readBuffer(d), data);
    await mkdir(join(dir, 'ingest', digestHex(sha256('zzz'))), { recursive: true });
    assert.equal(await s.cleanIngests(), 1);
  }));

test('a complete leftover ingest is committed without fetching', () =>
  withStore(async (s, dir) => {
    const data = Buffer.from('complete already');
    const d = sha256(data);
    await mkdir(join(dir, 'ingest', digestHex(d)), { recursive: true });
    await writeFile(join(dir, 'ingest', digestHex(d), 'data'), data);
    const r = await s.write(d, data.length, async () => {
      throw new Error('must not fetch');
    });
    assert.equal(r.existed, false);
    assert.deepEqual(await s.readBuffer(d), data);
  }));

test('an interrupted download keeps every byte it received, batched writes included', () =>
  withStore(async (s) => {
    const data = randomBytes(2 * 1024 * 1024 + 512 * 1024); // more than one 1 MiB write batch
    const d = sha256(data);
    const received = 1024 * 1024 + 300 * 1024 + 10; // one batch written, the next one partial
    async function* cut(): AsyncGenerator<Buffer> {
      for (let at = 0; at < received; at += 64 * 1024)
        yield data.subarray(at, Math.min(at + 64 * 1024, received));
      throw new Error('connection reset');
    }
    await assert.rejects(
      s.write(d, data.length, async () => ({ stream: Readable.from(cut()), offset: 0 })),
      (e) => isRuntimeError(e, 'UNAVAILABLE'),
    );
    let asked = -1;
    await s.write(d, data.length, async (offset) => {
      asked = offset;
      return { stream: Readable.from([data.subarray(offset)]), offset };
    });
    assert.equal(asked, received);
    assert.deepEqual(await s.readBuffer(d), data);
  }));
