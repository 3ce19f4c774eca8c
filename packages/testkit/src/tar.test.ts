import { test } from 'node:test';
import assert from 'node:assert/strict';
import tar from 'tar-stream';
import { buildTar, rawHeader } from './tar.js';

async function list(buf: Buffer): Promise<Array<[string, string, number, number]>> {
  const extract = tar.extract();
  const out: Array<[string, string, number, number]> = [];
  extract.on('entry', (h, stream, next) => {
    out.push([h.name, h.type ?? 'file', h.mode ?? 0, h.mtime?.getTime() ?? -1]);
    stream.on('end', next);
    stream.resume();
  });
  const done = new Promise<void>((resolve, reject) => {
    extract.on('finish', resolve);
    extract.on('error', reject);
  });
  extract.end(buf);
  await done;
  return out;
}

test('buildTar: root-owned entries at mtime 0, default modes by type', async () => {
  const buf = await buildTar([
    { name: 'd/', type: 'directory' },
    { name: 'd/f', data: 'hi' },
    { name: 'd/l', type: 'symlink', linkname: 'f' },
  ]);
  assert.deepEqual(await list(buf), [
    ['d/', 'directory', 0o755, 0],
    ['d/f', 'file', 0o644, 0],
    ['d/l', 'symlink', 0o644, 0],
  ]);
  assert.deepEqual(
    await buildTar([{ name: 'd/f', data: 'hi' }]),
    await buildTar([{ name: 'd/f', data: 'hi' }]),
  );
});

test('rawHeader: a header with a valid checksum that a tar reader accepts', async () => {
  const buf = Buffer.concat([rawHeader('x', { mode: 0o600 }), Buffer.alloc(1024)]);
  assert.deepEqual(await list(buf), [['x', 'file', 0o600, 0]]);
});
