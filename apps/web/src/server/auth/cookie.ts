/** The session cookie: name, parsing and serialization (pure). */
export const SESSION_COOKIE = 'berth_session';

export function parseCookies(header: string | null | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!header) return out;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (!out.has(name)) out.set(name, value);
  }
  return out;
}

export function sessionCookieValue(header: string | null | undefined): string | null {
  const v = parseCookies(header).get(SESSION_COOKIE);
  return v && /^[A-Za-z0-9_-]{20,128}$/.test(v) ? v : null;
}

export function serializeSessionCookie(
  value: string,
  opts: { secure: boolean; maxAgeSec: number },
): string {
  return [
    `${SESSION_COOKIE}=${value}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Strict',
    `Max-Age=${Math.max(0, Math.floor(opts.maxAgeSec))}`,
    ...(opts.secure ? ['Secure'] : []),
  ].join('; ');
}

export function clearSessionCookie(secure: boolean): string {
  return serializeSessionCookie('', { secure, maxAgeSec: 0 });
}
