import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, writeFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { ContentStore } from './store.js';
import { digestHex, sha256 } from '../digest/digest.js';
import { isRuntimeError } from '../errors.js';

async function withStore(fn: (s: ContentStore, dir: string) => Promise<void>) {
  const dir = await mkdtemp(join(tmpdir(), 'berth-content-'));
  try {
    await fn(new ContentStore(dir), dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test('write, read, info, list, delete', () =>
  withStore(async (s) => {
    const data = Buffer.from('blob one');
    const r = await s.writeBuffer(data);
    assert.equal(r.digest, sha256(data));
    assert.equal(r.existed, false);
    assert.deepEqual(await s.readBuffer(r.digest), data);
    assert.deepEqual(await s.info(r.digest), { digest: r.digest, size: data.length });
    assert.deepEqual(
      (await s.list()).map((b) => b.digest),
      [r.digest],
    );
    await s.delete(r.digest);
    assert.equal(await s.has(r.digest), false);
    await assert.rejects(s.readBuffer(r.digest), (e) => isRuntimeError(e, 'NOT_FOUND'));
  }));

test('a present blob is never fetched again', () =>
  withStore(async (s) => {
    const data = Buffer.from('x'.repeat(100));
    await s.writeBuffer(data);
    let calls = 0;
    const r = await s.write(sha256(data), data.length, async () => {
      calls++;
      return { stream: Readable.from([data]), offset: 0 };
    });
    assert.equal(calls, 0);
    assert.equal(r.existed, true);
  }));

test('concurrent writes of one digest share one download', () =>
  withStore(async (s) => {
    const data = Buffer.from('shared');
    let calls = 0;
    const src = async () => {
      calls++;
      return { stream: Readable.from([data]), offset: 0 };
    };
    const [a, b] = await Promise.all([
      s.write(sha256(data), 6, src),
      s.write(sha256(data), 6, src),
    ]);
    assert.equal(calls, 1);
    assert.equal(a.digest, b.digest);
  }));

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
