import type { BrowserContext, Page } from 'playwright-core';
import { BenchError } from '../lib/errors.js';
import { TERMINAL_PROBE } from './probe.js';

/** 'auto' is the app's own choice (WebGL only when a GPU draws it); the others are forced. */
export type Renderer = 'auto' | 'webgl' | 'dom';

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
  /** Every gap between two animation frames during the flood, ms. */
  frameGaps: number[];
  /** Shift presses during the flood: event created → handler, → next animation frame (ms). */
  inputs: { delay: number; frame: number }[];
}

/** Opens the container page's Terminal tab with the probe installed; resolves when connected. */
export async function openTerminal(
  ctx: BrowserContext,
  path: string,
  renderer: Renderer,
  pacing = true,
): Promise<{ page: Page; actual: string }> {
  const page = await ctx.newPage();
  // 'off' turns the app's output pacer off (apps/web/src/features/terminal/output-pacer.ts).
  await page.addInitScript({
    content: pacing
      ? "window.localStorage.removeItem('berth.terminal.pacing');"
      : "window.localStorage.setItem('berth.terminal.pacing', 'off');",
  });
  // The app reads this key: 'dom' or 'webgl' forces that renderer, unset is its automatic choice
  // (apps/web/src/features/terminal/renderer-choice.ts).
  await page.addInitScript({
    content:
      renderer === 'auto'
        ? "window.localStorage.removeItem('berth.terminal.renderer');"
        : `window.localStorage.setItem('berth.terminal.renderer', '${renderer}');`,
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
 * (`END-42-MARK`, which the typed command itself does not contain) arrives in the page; presses
 * Shift every 100 ms meanwhile (the page's input delay during the flood).
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
  // Shift every 100 ms while it streams: the terminal sends nothing for it; the probe times how
  // long the page takes to handle it and to draw the next frame.
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = (await page.evaluate('window.__bt.floodResult()')) as FloodSample | null;
    if (result) return result;
    if (Date.now() > deadline) throw new BenchError('flood produced no result in time');
    await page.keyboard.press('Shift');
    await new Promise((r) => setTimeout(r, 100));
  }
}
