import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFile, mkdtemp, open, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { followFile, openIfPresent, readChunks } from './follow-file.js';
import { peekHead } from './streams.js';

async function collect(it: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of it) parts.push(Buffer.from(c)); // a chunk is read into again after next()
  return Buffer.concat(parts);
}

test('follows a file while it grows, through a rename, to its end once the writer is done', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'follow-'));
  try {
    const path = join(dir, 'data');
    await writeFile(path, 'ab');
    let finish!: () => void;
    const done = new Promise<void>((r) => (finish = r));
    const reading = collect(followFile(await open(path, 'r'), done));
    await new Promise((r) => setTimeout(r, 20));
    await appendFile(path, 'cd');
    await new Promise((r) => setTimeout(r, 20));
    await appendFile(path, 'ef');
    await rename(path, join(dir, 'committed'));
    finish();
    assert.equal((await reading).toString(), 'abcdef');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('fails with the writer’s error; a missing file opens as undefined', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'follow-'));
  try {
    const path = join(dir, 'data');
    await writeFile(path, 'partial');
    const done = Promise.reject(new Error('digest mismatch'));
    done.catch(() => undefined); // the pull awaits its downloads elsewhere too
    await assert.rejects(collect(followFile(await open(path, 'r'), done)), /digest mismatch/);
    assert.equal(await openIfPresent(join(dir, 'nothing')), undefined);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('reads a whole file into one buffer; peeking its head copies what the next read overwrites', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'follow-'));
  try {
    const path = join(dir, 'data');
    const bytes = Buffer.alloc(3 * 1024 * 1024 + 5);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7) % 251;
    await writeFile(path, bytes);
    const views: Buffer[] = [];
    const copies: Buffer[] = [];
    for await (const c of readChunks(await open(path, 'r'))) {
      views.push(c);
      copies.push(Buffer.from(c));
    }
    assert.ok(views.length > 1 && views.every((v) => v.buffer === views[0]!.buffer));
    assert.ok(Buffer.concat(copies).equals(bytes));

    // a source that yields tiny chunks in one reused buffer: the head spans three of them
    async function* tiny(): AsyncGenerator<Buffer> {
      const buf = Buffer.alloc(2);
      for (let i = 0; i < bytes.length && i < 9; i += 2) {
        bytes.copy(buf, 0, i, i + 2);
        yield buf.subarray(0, Math.min(2, 9 - i));
      }
    }
    const { head, rest } = await peekHead(tiny(), 5);
    assert.ok(head.equals(bytes.subarray(0, 5)));
    assert.ok((await collect(rest)).equals(bytes.subarray(0, 9)));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
