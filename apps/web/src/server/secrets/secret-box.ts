import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { ProtocolError } from '@berth/protocol';

/** The web's key for secrets it keeps at rest (32 bytes) and a short public id of it. */
export interface SecretKey {
  readonly bytes: Buffer;
  /** 12 hex digits naming the key in sealed values, so a wrong key is told apart from damage. */
  readonly id: string;
}

const VERSION = 'v1';

/** Pure: a key written as 64 hex digits or base64(url) of 32 bytes; null otherwise. */
export function decodeSecretKey(text: string): Buffer | null {
  const t = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(t)) return Buffer.from(t, 'hex');
  if (!/^[A-Za-z0-9+/_-]{43}=?$/.test(t)) return null;
  const bytes = Buffer.from(
    t.replace(/\+/g, '-').replace(/\//g, '_').replace(/=$/, ''),
    'base64url',
  );
  return bytes.length === 32 ? bytes : null;
}

export function secretKeyOf(bytes: Buffer): SecretKey {
  if (bytes.length !== 32) {
    throw new ProtocolError('INVALID_ARGUMENT', `a secret key is 32 bytes, not ${bytes.length}`);
  }
  const id = createHash('sha256')
    .update('berth secret key id\0')
    .update(bytes)
    .digest('hex')
    .slice(0, 12);
  return { bytes: Buffer.from(bytes), id };
}

/**
 * Seals `plaintext` with AES-256-GCM under `key`: `v1.<key id>.<iv>.<tag>.<ciphertext>`
 * (base64url). `context` (e.g. `registry:<host>`) is authenticated, not stored: a value copied
 * to another row does not open there. Pure apart from the random IV.
 */
export function seal(key: SecretKey, plaintext: string, context: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key.bytes, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, key.id, iv, tag, ct]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.');
}

/** Opens what `seal` made with the same key and context; FAILED_PRECONDITION otherwise. */
export function unseal(key: SecretKey, sealed: string, context: string): string {
  const parts = sealed.split('.');
  if (parts.length !== 5 || parts[0] !== VERSION) {
    throw new ProtocolError('FAILED_PRECONDITION', 'the stored secret is not in a known format');
  }
  const [, keyId, iv, tag, ct] = parts as [string, string, string, string, string];
  if (keyId !== key.id) {
    throw new ProtocolError(
      'FAILED_PRECONDITION',
      `the stored secret was sealed with another key (${keyId}) than this web's (${key.id}): ` +
        'give every web replica the same BERTH_SECRET_KEY, or store the secret again',
    );
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', key.bytes, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([
      decipher.update(Buffer.from(ct, 'base64url')),
      decipher.final(),
    ]).toString('utf8');
  } catch {
    throw new ProtocolError(
      'FAILED_PRECONDITION',
      'the stored secret does not open with this web’s key (damaged or moved): store it again',
    );
  }
}
