import type { ServerResponse } from 'node:http';

/**
 * Headers on every response of the custom server (pages, API, socket.io polling). The
 * page-specific Content-Security-Policy with its nonce comes from src/proxy.ts.
 */
export function setSecurityHeaders(res: ServerResponse, tls: boolean): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  // No URL (with container or host ids in it) leaves for another site, nor for this one.
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  if (tls) res.setHeader('Strict-Transport-Security', 'max-age=31536000');
}
