/**
 * CSRF and cross-site socket defence: a state-changing request (or a /ui socket handshake) is
 * accepted only when its Origin — or, lacking one, its Referer's origin — is the server's own
 * origin (the scheme it serves plus the Host the browser used) or one configured explicitly.
 */
export const stateChangingMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface OriginInput {
  origin: string | null | undefined;
  referer: string | null | undefined;
  host: string | null | undefined;
  scheme: 'http' | 'https';
  allowedOrigins: readonly string[];
}

function originOf(url: string): string | null {
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    return u.origin;
  } catch {
    return null;
  }
}

export function requestOrigin(input: Pick<OriginInput, 'origin' | 'referer'>): string | null {
  if (input.origin && input.origin !== 'null') return originOf(input.origin);
  if (input.referer) return originOf(input.referer);
  return null;
}

export function isSameOrigin(input: OriginInput): boolean {
  const origin = requestOrigin(input);
  if (!origin) return false;
  if (input.allowedOrigins.includes(origin)) return true;
  if (!input.host) return false;
  const own = originOf(`${input.scheme}://${input.host}`);
  return own !== null && own === origin;
}
