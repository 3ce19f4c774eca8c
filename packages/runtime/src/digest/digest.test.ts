import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DigestVerifier, isDigest, parseDigest, sha256, digestHex } from './digest.js';
import { isRuntimeError } from '../errors.js';

const EMPTY = 'sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

test('sha256 of empty input', () => {
  assert.equal(sha256(''), EMPTY);
  assert.equal(digestHex(EMPTY), EMPTY.slice(7));
});

test('parseDigest accepts sha256 and rejects the rest', () => {
  assert.equal(parseDigest(EMPTY), EMPTY);
  assert.equal(isDigest(EMPTY), true);
  for (const bad of [
    '',
    'sha256:',
    'sha256:abc',
    EMPTY.toUpperCase(),
    `${EMPTY}0`,
    'md5:d41d8cd98f00b204e9800998ecf8427e',
    'e3b0c442',
  ]) {
    assert.throws(
      () => parseDigest(bad),
      (e) => isRuntimeError(e, 'INVALID_ARGUMENT'),
      bad,
    );
    assert.equal(isDigest(bad), false);
  }
  assert.throws(() => parseDigest('sha512:abcd'), /unsupported digest algorithm/);
});

async function run(data: Buffer[], expected: string | undefined, size?: number) {
  const out: Buffer[] = [];
  const v = new DigestVerifier(expected === undefined ? undefined : parseDigest(expected), size);
  await pipeline(Readable.from(data), v, async (src: AsyncIterable<Buffer>) => {
    for await (const c of src) out.push(c);
  });
  return { out: Buffer.concat(out), v };
}

test('DigestVerifier passes matching content through', async () => {
  const data = Buffer.from('hello world');
  const { out, v } = await run([data.subarray(0, 3), data.subarray(3)], sha256(data), data.length);
  assert.deepEqual(out, data);
  assert.equal(v.actual, sha256(data));
  assert.equal(v.bytes, 11);
});

test('DigestVerifier errors on digest mismatch', async () => {
  await assert.rejects(
    run([Buffer.from('x')], EMPTY),
    (e) => isRuntimeError(e, 'INVALID_ARGUMENT') && /digest mismatch/.test(e.message),
  );
});

test('DigestVerifier errors on short and long content', async () => {
  await assert.rejects(run([Buffer.from('abc')], sha256('abc'), 4), /size mismatch/);
  await assert.rejects(run([Buffer.from('abcde')], sha256('abcde'), 4), /received more/);
});
