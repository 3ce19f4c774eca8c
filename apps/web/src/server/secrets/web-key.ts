import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ProtocolError } from '@berth/protocol';
import { decodeSecretKey, secretKeyOf, type SecretKey } from './secret-box.js';

export type SecretKeySource = { key: Buffer } | { file: string };

/**
 * The web's key for secrets at rest, read once on first use: BERTH_SECRET_KEY, else a key file
 * (BERTH_SECRET_KEY_FILE, by default beside the SQLite database) that the first use creates with
 * 32 random bytes, owner-only (0600). The key never goes into the database, so a database dump
 * or backup holds only sealed values.
 */
export function webSecretKey(source: SecretKeySource): () => Promise<SecretKey> {
  let loaded: Promise<SecretKey> | null = null;
  return () => {
    loaded ??= load(source).catch((err: unknown) => {
      loaded = null;
      throw err;
    });
    return loaded;
  };
}

async function load(source: SecretKeySource): Promise<SecretKey> {
  if ('key' in source) return secretKeyOf(source.key);
  const file = source.file;
  let text = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return null;
    throw unusable(file, err.code ?? String(err));
  });
  if (text === null) {
    await mkdir(dirname(file), { recursive: true, mode: 0o700 });
    const fresh = `${randomBytes(32).toString('base64url')}\n`;
    // `wx`: another replica on this machine may have written it first; then read theirs.
    await writeFile(file, fresh, { mode: 0o600, flag: 'wx' }).catch(
      (err: NodeJS.ErrnoException) => {
        if (err.code !== 'EEXIST') throw unusable(file, err.code ?? String(err));
      },
    );
    text = await readFile(file, 'utf8');
  }
  const bytes = decodeSecretKey(text);
  if (!bytes) throw unusable(file, 'not 32 bytes in hex or base64');
  return secretKeyOf(bytes);
}

function unusable(file: string, why: string): ProtocolError {
  return new ProtocolError('FAILED_PRECONDITION', `the web's secret key file ${file}: ${why}`);
}
