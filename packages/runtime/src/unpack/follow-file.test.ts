import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFile, mkdtemp, open, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { followFile, openIfPresent } from './follow-file.js';

async function collect(it: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of it) parts.push(c);
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
