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

test('buildTar: binary xattr values are written as their raw bytes in a PAX header', async () => {
  const cap = Buffer.from([0x01, 0x00, 0x00, 0x02, 0x00, 0x20, 0x00, 0x00, 0xff, 0x80, 0x0a]);
  const buf = await buildTar([
    {
      name: 'bin/ping',
      data: 'p',
      pax: { 'SCHILY.xattr.security.capability': cap.toString('latin1') },
    },
  ]);
  const record = Buffer.concat([
    Buffer.from(' SCHILY.xattr.security.capability='),
    cap,
    Buffer.from('\n'),
  ]);
  const at = buf.indexOf(record);
  assert.ok(at > 0, 'the record with the exact bytes is in the archive');
  // `<len> key=value\n`: len (two digits here) counts the whole record, its own digits too
  assert.equal(buf.subarray(at - 2, at).toString('latin1'), String(record.length + 2));
  assert.deepEqual(
    (await list(buf)).map((e) => e[0]),
    ['bin/ping'],
  );
});
