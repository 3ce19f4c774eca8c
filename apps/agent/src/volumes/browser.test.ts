import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AgentError } from '../errors.js';
import { browseVolume, readVolumeFile, volumeRelative } from './browser.js';

// A volume's data directory beside a "secret" the browser must never reach, with the links a
// container could plant (it writes into its volumes as root).
let base: string;
let root: string;

before(async () => {
  base = await mkdtemp(join(tmpdir(), 'berth-volbrowse-'));
  root = join(base, 'vol', '_data');
  await mkdir(join(root, 'sub', 'deeper'), { recursive: true });
  await writeFile(join(root, 'hello.txt'), 'hello volume\n');
  await writeFile(join(root, 'sub', 'deeper', 'big.bin'), Buffer.alloc(70_000, 7));
  await writeFile(join(base, 'secret'), 'host secret\n');
  await symlink('/etc', join(root, 'etc-link'));
  await symlink('../../secret', join(root, 'up-link'));
  await symlink(join(base, 'secret'), join(root, 'abs-secret'));
  await symlink('sub', join(root, 'inner-link'));
  execFileSync('mkfifo', [join(root, 'pipe')]);
});

after(async () => {
  await rm(base, { recursive: true, force: true });
});

const code = (err: unknown) => (err instanceof AgentError ? err.code : String(err));

test('paths are normalized inside the volume: .. stops at its top', () => {
  assert.equal(volumeRelative('/../../etc/passwd'), '/etc/passwd');
  assert.equal(volumeRelative('/a/./b//../c/'), '/a/c');
  assert.equal(volumeRelative('/'), '/');
});

test('the top lists directories first, links shown with their target, not followed', async () => {
  const { path, entries, truncated } = await browseVolume(root, '/');
  assert.equal(path, '/');
  assert.equal(truncated, false);
  assert.deepEqual(
    entries.map((e) => [e.name, e.type]),
    [
      ['sub', 'directory'],
      ['abs-secret', 'symlink'],
      ['etc-link', 'symlink'],
      ['hello.txt', 'file'],
      ['inner-link', 'symlink'],
      ['pipe', 'other'],
      ['up-link', 'symlink'],
    ],
  );
  const hello = entries.find((e) => e.name === 'hello.txt')!;
  assert.equal(hello.size, 13);
  assert.equal(entries.find((e) => e.name === 'etc-link')!.target, '/etc');
});

test('climbing with .. lists the volume itself, never its parent', async () => {
  const { path, entries } = await browseVolume(root, '/../..');
  assert.equal(path, '/');
  assert.ok(entries.some((e) => e.name === 'hello.txt'));
  assert.ok(!entries.some((e) => e.name === 'secret' || e.name === 'vol'));
  await assert.rejects(
    readVolumeFile(root, '/../../secret', 0, 100),
    (e) => code(e) === 'NOT_FOUND',
  );
});

test('a symlink is never followed as the last component', async () => {
  for (const p of ['/etc-link', '/up-link', '/abs-secret', '/etc-link/', '/inner-link'])
    await assert.rejects(browseVolume(root, p), (e) => code(e) === 'PERMISSION_DENIED', p);
  for (const p of ['/up-link', '/abs-secret'])
    await assert.rejects(
      readVolumeFile(root, p, 0, 100),
      (e) => code(e) === 'PERMISSION_DENIED',
      p,
    );
});

test('a symlink in the middle of a path that leads outside is refused', async () => {
  await assert.rejects(readVolumeFile(root, '/etc-link/hostname', 0, 100), (e) => {
    assert.equal(code(e), 'PERMISSION_DENIED');
    assert.match((e as Error).message, /outside the volume/);
    return true;
  });
  await assert.rejects(browseVolume(root, '/etc-link/ssl'), (e) => code(e) === 'PERMISSION_DENIED');
});

test('a symlink in the middle that stays inside the volume is followed', async () => {
  const { entries } = await browseVolume(root, '/inner-link/deeper');
  assert.deepEqual(
    entries.map((e) => e.name),
    ['big.bin'],
  );
});

test('files are read in chunks with their size; directories and pipes are not files', async () => {
  const first = await readVolumeFile(root, '/sub/deeper/big.bin', 0, 65_536);
  assert.equal(first.size, 70_000);
  assert.equal(first.eof, false);
  assert.equal(Buffer.from(first.data, 'base64').length, 65_536);
  const rest = await readVolumeFile(root, '/sub/deeper/big.bin', 65_536, 65_536);
  assert.equal(rest.eof, true);
  assert.equal(Buffer.from(rest.data, 'base64').length, 70_000 - 65_536);
  const hello = await readVolumeFile(root, '/hello.txt', 0, 100);
  assert.equal(Buffer.from(hello.data, 'base64').toString(), 'hello volume\n');
  await assert.rejects(readVolumeFile(root, '/sub', 0, 10), (e) => code(e) === 'INVALID_ARGUMENT');
  await assert.rejects(readVolumeFile(root, '/pipe', 0, 10), (e) => code(e) === 'INVALID_ARGUMENT');
  await assert.rejects(readVolumeFile(root, '/nope', 0, 10), (e) => code(e) === 'NOT_FOUND');
  await assert.rejects(browseVolume(root, '/hello.txt'), (e) => code(e) === 'INVALID_ARGUMENT');
});
