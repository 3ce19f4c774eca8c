import type { BrowserContext, Page } from 'playwright-core';
import { BenchError } from '../lib/errors.js';
import { TERMINAL_PROBE } from './probe.js';

export type Renderer = 'webgl' | 'dom';

/** One keystroke's page timestamps (performance.now(), ms). `screen` only with the DOM renderer. */
export interface EchoSample {
  keydown: number;
  send: number;
  recv: number;
  frame: number;
  screen: number | null;
}

export interface FloodSample {
  start: number;
  wireDone: number;
  frameDone: number;
  domDone: number | null;
  bytes: number;
  frames: number;
  longTasks: { start: number; duration: number }[];
  maxFrameGap: number;
  frameCount: number;
}

/** Opens the container page's Terminal tab with the probe installed; resolves when connected. */
export async function openTerminal(
  ctx: BrowserContext,
  path: string,
  renderer: Renderer,
): Promise<{ page: Page; actual: string }> {
  const page = await ctx.newPage();
  // The app reads this key: 'dom' skips WebGL (apps/web/src/features/terminal/xterm-setup.ts).
  await page.addInitScript({
    content:
      renderer === 'dom'
        ? "window.localStorage.setItem('berth.terminal.renderer', 'dom');"
        : "window.localStorage.removeItem('berth.terminal.renderer');",
  });
  await page.addInitScript({ content: TERMINAL_PROBE });
  await page.goto(path);
  await page.getByRole('tab', { name: 'Terminal' }).click();
  await page
    .getByTestId('terminal-state')
    .filter({ hasText: /^connected$/ })
    .waitFor({ timeout: 30_000 });
  await page.getByTestId('terminal').click();
  // Wait for the shell's prompt before typing.
  await page.waitForTimeout(500);
  const actual = await page.evaluate('window.__bt.renderer()');
  return { page, actual: String(actual) };
}

const KEYS = 'abcdefghijklmnopqrstuvwxyz';

/**
 * `count` keystrokes, one at a time: each is typed (a real key event through CDP), and the next
 * waits until the page has recorded the echo. The line is a shell comment (`# …`), ended with
 * Enter every 50 characters (untimed), so nothing runs.
 */
export async function measureEcho(page: Page, count: number): Promise<EchoSample[]> {
  await page.keyboard.type('# ');
  await page.waitForTimeout(200);
  for (let i = 0; i < count; i++) {
    if (i > 0 && i % 50 === 0) {
      await page.keyboard.press('Enter');
      await page.keyboard.type('# ');
      await page.waitForTimeout(200);
    }
    await page.evaluate('window.__bt.armEcho()');
    await page.keyboard.press(KEYS[i % KEYS.length]!);
    await page.waitForFunction(`window.__bt.echoes.length === ${i + 1}`, undefined, {
      timeout: 10_000,
      polling: 5,
    });
    await page.waitForTimeout(10);
  }
  await page.keyboard.press('Enter');
  return (await page.evaluate('window.__bt.echoes')) as EchoSample[];
}

/**
 * Types `cat FILE; echo END-$((40+2))-MARK` and times from the Enter keydown until the marker
 * (`END-42-MARK`, which the typed command itself does not contain) arrives in the page.
 */
export async function measureFlood(
  page: Page,
  file: string,
  timeoutMs: number,
): Promise<FloodSample> {
  const marker = 'END-42-MARK';
  await page.keyboard.type(`cat ${file}; echo END-$((40+2))-MARK`);
  await page.waitForTimeout(300);
  await page.evaluate(`window.__bt.startFlood(${JSON.stringify(marker)})`);
  await page.keyboard.press('Enter');
  const handle = await page.waitForFunction('window.__bt.floodResult()', undefined, {
    timeout: timeoutMs,
    polling: 100,
  });
  const result = (await handle.jsonValue()) as FloodSample | null;
  if (!result) throw new BenchError('flood produced no result');
  return result;
}
