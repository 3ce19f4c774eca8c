import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { webSecretKey } from './web-key.js';

test('the key file: made 0600 on first use, the same key afterwards and for another process', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'berth-web-key-'));
  try {
    const file = join(dir, 'sub', 'secret.key');
    const first = await webSecretKey({ file })();
    assert.equal((await stat(file)).mode & 0o777, 0o600);
    const again = await webSecretKey({ file })();
    assert.deepEqual(again, first);
    assert.ok(!(await readFile(file, 'utf8')).includes(first.id), 'the file holds the key only');

    const bad = join(dir, 'bad.key');
    await writeFile(bad, 'not a key\n');
    await assert.rejects(webSecretKey({ file: bad })(), { code: 'FAILED_PRECONDITION' });
    const given = await webSecretKey({ key: Buffer.alloc(32, 1) })();
    assert.equal(given.bytes.length, 32);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
