import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { onCleanup } from './cleanup.js';

/** Debian's Chromium with the flags e2e/playwright.config.ts uses (closed network, no GPU). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface BenchBrowser {
  readonly browser: Browser;
  /** A context logged in with the web's session cookie. */
  newContext(baseURL: string, sessionCookie: string): Promise<BrowserContext>;
  close(): Promise<void>;
}

export async function launchChromium(): Promise<BenchBrowser> {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
  let closing: Promise<void> | null = null;
  const close = () => (closing ??= (unregister(), browser.close()));
  const unregister = onCleanup('close chromium', close);
  return {
    browser,
    async newContext(baseURL, sessionCookie) {
      // bypassCSP: the web's CSP has no 'unsafe-eval', and Playwright evaluates the predicates of
      // page.waitForFunction as strings in the page; the app's own scripts run the same either way.
      const ctx = await browser.newContext({
        baseURL,
        viewport: { width: 1400, height: 900 },
        bypassCSP: true,
      });
      const [name, ...rest] = sessionCookie.split('=');
      await ctx.addCookies([{ name: name!, value: rest.join('='), url: baseURL }]);
      return ctx;
    },
    close,
  };
}
