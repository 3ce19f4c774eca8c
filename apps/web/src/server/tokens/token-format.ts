import { randomBytes } from 'node:crypto';

/**
 * API tokens look like `berth_` + 40 base62 characters (≈238 bits): the fixed prefix lets secret
 * scanners (GitHub, gitleaks) find leaked ones; base62 survives double-click selection and URLs.
 * Tokens are high-entropy, so a plain sha256 of the whole token is a safe stored form.
 */
export const TOKEN_PREFIX = 'berth_';
const BODY_LENGTH = 40;
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const TOKEN_RE = new RegExp(`^${TOKEN_PREFIX}[0-9A-Za-z]{${BODY_LENGTH}}$`);

/** A fresh token (rejection sampling keeps every character uniform). */
export function newToken(random: (n: number) => Buffer = randomBytes): string {
  let body = '';
  while (body.length < BODY_LENGTH) {
    for (const b of random(64)) {
      if (b < 248 && body.length < BODY_LENGTH) body += ALPHABET[b % 62];
    }
  }
  return TOKEN_PREFIX + body;
}

/** Pure: whether a string has the shape of a Berth API token. */
export function isTokenShaped(value: string): boolean {
  return TOKEN_RE.test(value);
}

/** Pure: what is shown to tell tokens apart (never enough to use one). */
export function displayPrefix(token: string): string {
  return token.slice(0, TOKEN_PREFIX.length + 6);
}

/**
 * Pure: the token of an `Authorization: Bearer …` header; null without one. A header that says
 * Bearer but carries no token-shaped value is still a bearer attempt (→ 401), hence `malformed`.
 */
export function bearerOf(header: string | null): { token: string } | { malformed: true } | null {
  if (!header) return null;
  const m = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
  if (!m) return /^Bearer\b/i.test(header) ? { malformed: true } : null;
  const token = m[1]!;
  return isTokenShaped(token) ? { token } : { malformed: true };
}
