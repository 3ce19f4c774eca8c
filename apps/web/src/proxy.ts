import { NextResponse, type NextRequest } from 'next/server';
import { contentSecurityPolicy, newNonce } from './server/http/csp.js';

/**
 * Next 16's proxy (formerly middleware): a fresh CSP nonce for every page. The policy goes on
 * the request too, where Next finds the nonce and puts it on its own scripts; the root layout
 * reads `x-nonce` for the theme script. Other security headers are set by the custom server
 * on every response (src/server/http/security-headers.ts).
 */
export function proxy(request: NextRequest) {
  const nonce = newNonce();
  const csp = contentSecurityPolicy({ nonce, dev: process.env.NODE_ENV === 'development' });
  const headers = new Headers(request.headers);
  headers.set('x-nonce', nonce);
  headers.set('content-security-policy', csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('content-security-policy', csp);
  return response;
}

export const config = {
  matcher: [
    {
      // Pages only: not the API (JSON), not static chunks, not prefetches (no HTML to guard).
      source: '/((?!api|_next/static|_next/image|favicon.ico).*)',
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
  ],
};
