import type { Credentials } from '@berth/runtime';
import { AgentError } from '../../errors.js';
import { AuthConfigSchema, type AuthConfig } from '../types/image.js';

/** The header is base64 of a small JSON document; anything longer is not an AuthConfig. */
const MAX_HEADER = 16 << 10;

/**
 * Pure: Docker's `X-Registry-Auth` header (base64url of an AuthConfig JSON) → the credentials
 * for one pull or push, or undefined when the header is absent or carries none (`e30=` = `{}`).
 * A header that is not base64 JSON of that shape is a 400.
 */
export function decodeRegistryAuth(header: string | string[] | undefined): Credentials | undefined {
  const raw = Array.isArray(header) ? header[0] : header;
  if (raw === undefined || raw.trim() === '') return undefined;
  if (raw.length > MAX_HEADER || !/^[A-Za-z0-9+/_=-]+$/.test(raw.trim()))
    throw bad('is not base64');
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(raw.trim(), 'base64').toString('utf8'));
  } catch {
    throw bad('is not base64-encoded JSON');
  }
  return credentialsOf(parseAuthConfig(json, 'X-Registry-Auth'));
}

/** Pure: a validated AuthConfig (the `POST /auth` body, or the header's JSON). */
export function parseAuthConfig(json: unknown, what: string): AuthConfig {
  const r = AuthConfigSchema.safeParse(json);
  if (!r.success) throw new AgentError('INVALID_ARGUMENT', `${what}: invalid auth config`);
  return r.data;
}

/**
 * Pure: the username and password an AuthConfig carries (`username`/`password`, or `auth` as
 * base64 `user:pass`). Identity and registry tokens are not supported: refused, never ignored.
 */
export function credentialsOf(a: AuthConfig): Credentials | undefined {
  if (a.username || a.password) {
    return { username: a.username ?? '', password: a.password ?? '' };
  }
  if (a.auth) {
    const text = Buffer.from(a.auth, 'base64').toString('utf8');
    const i = text.indexOf(':');
    if (i <= 0) throw bad('auth is not base64 of user:password');
    return { username: text.slice(0, i), password: text.slice(i + 1) };
  }
  if (a.identitytoken || a.registrytoken)
    throw new AgentError(
      'UNIMPLEMENTED',
      'registry identity and registry tokens are not supported by Berth; log in with a username and password',
    );
  return undefined;
}

function bad(why: string): AgentError {
  return new AgentError('INVALID_ARGUMENT', `X-Registry-Auth ${why}`);
}
