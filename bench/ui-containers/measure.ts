import type { BrowserContext, Page } from 'playwright-core';
import { BenchError } from '../lib/errors.js';
import { LIST_PROBE } from './probe.js';

export interface LongTask {
  start: number;
  duration: number;
}

export interface LoadResult {
  /** Navigation start → first container row in the DOM (ms). */
  firstRowMs: number;
  /** The filter's first input event → only matching rows shown (ms). */
  filterMs: number;
  /** Navigation start → the filter's result on screen, the filter typed as soon as rows showed. */
  interactiveMs: number;
  rowsRendered: number;
  longTasksDuringLoad: LongTask[];
  /** Navigation Timing of the document, and the slowest API fetches before the first row (ms). */
  timing: {
    responseEnd: number;
    domContentLoaded: number;
    loadEvent: number;
    apiBeforeFirstRow: { url: string; start: number; end: number }[];
  };
}

export interface WindowResult {
  seconds: number;
  longTasks: LongTask[];
  maxFrameGapMs: number;
  fps: number;
  summariesReceived: number;
  containerMessagesReceived: number;
  scroll: { ms: number; steps: number; atBottom: boolean; lastRow: string; renderedRows: number };
}

const ui = async <T>(page: Page, expr: string) => (await page.evaluate(expr)) as T;

export async function openList(ctx: BrowserContext): Promise<Page> {
  const page = await ctx.newPage();
  await page.addInitScript({ content: LIST_PROBE });
  return page;
}

/** Loads /containers and types `name` into "Filter by name" as soon as rows appear. */
export async function measureLoad(page: Page, name: string): Promise<LoadResult> {
  await page.goto('/containers', { waitUntil: 'commit' });
  const rows = page.getByTestId('container-row');
  await rows.first().waitFor({ timeout: 60_000 });
  await page.evaluate(`window.__ui.armFilter(${JSON.stringify(name)}, 1)`);
  await page.getByLabel('Filter by name').fill(name);
  await page.waitForFunction('window.__ui.filter.done !== null', undefined, {
    timeout: 30_000,
    polling: 10,
  });
  const st = await ui<{
    firstRow: number;
    filter: { input: number; done: number };
    longTasks: LongTask[];
  }>(page, '({ firstRow: __ui.firstRow, filter: __ui.filter, longTasks: __ui.longTasks })');
  const timing = await ui<LoadResult['timing']>(
    page,
    `(() => {
      const n = performance.getEntriesByType('navigation')[0];
      const api = performance.getEntriesByType('resource')
        .filter((e) => e.name.includes('/api/') && e.startTime < __ui.firstRow)
        .map((e) => ({ url: new URL(e.name).pathname, start: e.startTime, end: e.responseEnd }));
      return { responseEnd: n.responseEnd, domContentLoaded: n.domContentLoadedEventEnd,
        loadEvent: n.loadEventEnd, apiBeforeFirstRow: api };
    })()`,
  );
  await page.getByLabel('Filter by name').fill('');
  await page.waitForFunction(
    'document.querySelectorAll(\'[data-testid="container-row"]\').length > 1',
  );
  const rendered = await rows.count();
  return {
    firstRowMs: st.firstRow,
    filterMs: st.filter.done - st.filter.input,
    interactiveMs: st.filter.done,
    rowsRendered: rendered,
    longTasksDuringLoad: st.longTasks.filter((t) => t.start <= st.filter.done),
    timing,
  };
}

/**
 * `seconds` of live updates with the list open; after 5 s the list is scrolled to the bottom
 * with mouse-wheel steps. Long tasks are those that started inside the window.
 */
export async function measureWindow(page: Page, seconds: number): Promise<WindowResult> {
  const t0 = await ui<number>(page, 'performance.now()');
  const counts0 = await ui<{ s: number; c: number }>(
    page,
    '({ s: __ui.summaries, c: __ui.inventories })',
  );
  await page.evaluate('__ui.startFrames()');
  const started = Date.now();
  await page.waitForTimeout(5000);
  const box = await page.getByTestId('container-row').first().boundingBox();
  if (!box) throw new BenchError('no container row to scroll');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const s0 = Date.now();
  let steps = 0;
  for (; steps < 200; steps++) {
    await page.mouse.wheel(0, 1500);
    await page.waitForTimeout(50);
    const s = await ui<{ atBottom: boolean }>(page, '__ui.scrollState()');
    if (s.atBottom) break;
  }
  const scrollMs = Date.now() - s0;
  await page.waitForTimeout(300);
  const scrollState = await ui<{ atBottom: boolean; lastRow: string; renderedRows: number }>(
    page,
    '__ui.scrollState()',
  );
  const rest = seconds * 1000 - (Date.now() - started);
  if (rest > 0) await page.waitForTimeout(rest);
  const frames = await ui<{ maxGap: number; fps: number }>(page, '__ui.stopFrames()');
  const st = await ui<{ longTasks: LongTask[]; s: number; c: number }>(
    page,
    '({ longTasks: __ui.longTasks, s: __ui.summaries, c: __ui.inventories })',
  );
  return {
    seconds: (Date.now() - started) / 1000,
    longTasks: st.longTasks.filter((t) => t.start >= t0),
    maxFrameGapMs: frames.maxGap,
    fps: frames.fps,
    summariesReceived: st.s - counts0.s,
    containerMessagesReceived: st.c - counts0.c,
    scroll: {
      ms: scrollMs,
      steps: steps + 1,
      atBottom: scrollState.atBottom,
      lastRow: /sim-\d{4}/.exec(scrollState.lastRow)?.[0] ?? scrollState.lastRow,
      renderedRows: scrollState.renderedRows,
    },
  };
}
