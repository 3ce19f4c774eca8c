import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmod, mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AgentError } from '../src/errors.js';
import { credentialPath, loadCredential, saveCredential } from '../src/link/credential-store.js';
import { tempRoots } from './helpers/agent-process.js';

const cred = {
  server: 'https://web.example.com',
  hostId: 'h1',
  credential: 'c'.repeat(43),
  fingerprint: 'a'.repeat(64),
  enrolledAt: '2026-01-01T00:00:00.000Z',
};

test('save writes 0600 in a 0700 directory, atomically, and load reads it back', async () => {
  const roots = await tempRoots();
  try {
    const path = credentialPath(roots.dataRoot);
    assert.equal(await loadCredential(path), null);
    await saveCredential(path, cred);
    assert.equal((await stat(path)).mode & 0o777, 0o600);
    assert.equal((await stat(dirname(path))).mode & 0o777, 0o700);
    assert.deepEqual(await readdir(dirname(path)), ['credential.json'], 'no temp file left');
    assert.deepEqual(await loadCredential(path), cred);
  } finally {
    await roots.cleanup();
  }
});

test('an exposed or malformed credential file is refused with a clear error', async () => {
  const roots = await tempRoots();
  try {
    const path = credentialPath(roots.dataRoot);
    await saveCredential(path, cred);
    await chmod(path, 0o644);
    await assert.rejects(
      loadCredential(path),
      (e: unknown) => e instanceof AgentError && /mode 644/.test(e.message),
    );
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, '{"server":"nope"}', { mode: 0o600 });
    await chmod(path, 0o600);
    await assert.rejects(
      loadCredential(path),
      (e: unknown) =>
        e instanceof AgentError &&
        e.code === 'FAILED_PRECONDITION' &&
        /not a valid credential/.test(e.message),
    );
    await assert.rejects(saveCredential(path, { ...cred, credential: 'short' }), AgentError);
    assert.deepEqual(await readdir(dirname(path)), ['credential.json'], 'nothing half-made');
  } finally {
    await roots.cleanup();
  }
});
