/**
 * The Content-Security-Policy of every page (pure; the proxy adds a fresh nonce per request).
 *
 * - Scripts: only ours and those carrying this request's nonce ('strict-dynamic' lets those
 *   load the chunks they import). Next puts the nonce on its own scripts when it finds it in
 *   the request's CSP header; the theme script in the root layout carries it explicitly.
 * - Styles: 'self' plus 'unsafe-inline'. React sets `style` attributes (virtualized rows,
 *   progress bars), xterm and uPlot inject <style> elements and attributes at run time, and
 *   Next inlines critical CSS. A style nonce would switch 'unsafe-inline' off for all of those.
 *   Injected styles cannot run code; scripts are where the nonce matters.
 * - Sockets and fetches: same origin only ('self' covers ws/wss to this host).
 * - Never framed (frame-ancestors 'none'), no plugins, no <base> hijack, forms post here only.
 */
export function contentSecurityPolicy(opts: { nonce: string; dev: boolean }): string {
  const directives: [string, ...string[]][] = [
    ['default-src', "'self'"],
    [
      'script-src',
      "'self'",
      `'nonce-${opts.nonce}'`,
      "'strict-dynamic'",
      ...(opts.dev ? ["'unsafe-eval'"] : []),
    ],
    ['style-src', "'self'", "'unsafe-inline'"],
    ['img-src', "'self'", 'data:', 'blob:'],
    ['font-src', "'self'", 'data:'],
    ['connect-src', "'self'"],
    ['worker-src', "'self'", 'blob:'],
    ['object-src', "'none'"],
    ['base-uri', "'none'"],
    ['form-action', "'self'"],
    ['frame-ancestors', "'none'"],
  ];
  return directives.map((d) => d.join(' ')).join('; ');
}

/** 128 random bits, base64: unguessable and fresh for every page. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
