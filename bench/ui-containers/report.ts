import type { LoadResult, WindowResult } from './measure.js';

export const LIST_TARGETS = { interactiveMs: 1000, longTasksOver50ms: 0 } as const;

export interface ListSummary {
  interactiveMs: number;
  interactiveMet: boolean;
  longTasks: number;
  longTaskMaxMs: number;
  longTaskTotalMs: number;
  longTasksMet: boolean;
}

const f0 = (n: number) => n.toFixed(0);

/** Pure: printed lines and the headline figures. */
export function listReport(r: { count: number; load: LoadResult; live: WindowResult }): {
  text: string;
  summary: ListSummary;
} {
  const { load, live } = r;
  const durations = live.longTasks.map((t) => t.duration);
  const summary: ListSummary = {
    interactiveMs: load.interactiveMs,
    interactiveMet: load.interactiveMs <= LIST_TARGETS.interactiveMs,
    longTasks: durations.length,
    longTaskMaxMs: durations.length ? Math.max(...durations) : 0,
    longTaskTotalMs: durations.reduce((a, b) => a + b, 0),
    longTasksMet: durations.length <= LIST_TARGETS.longTasksOver50ms,
  };
  const loadTasks = load.longTasksDuringLoad.map((t) => f0(t.duration)).join(', ') || 'none';
  const api = load.timing.apiBeforeFirstRow
    .map((a) => `${a.url} ${f0(a.start)}→${f0(a.end)}`)
    .join(', ');
  const text = [
    `figures from the agent SIMULATOR: ${r.count} synthetic containers, stats.summary at 1 Hz`,
    `load: first row ${f0(load.firstRowMs)} ms after navigation start; filter answered in ${f0(load.filterMs)} ms;` +
      ` interactive at ${f0(load.interactiveMs)} ms (target ≤ ${LIST_TARGETS.interactiveMs} ms: ${summary.interactiveMet ? 'met' : 'NOT met'});` +
      ` ${load.rowsRendered} rows in the DOM; long tasks while loading (ms): ${loadTasks}`,
    `  document: response end ${f0(load.timing.responseEnd)} ms, DOMContentLoaded ${f0(load.timing.domContentLoaded)} ms,` +
      ` load ${f0(load.timing.loadEvent)} ms; API calls before the first row (ms): ${api || 'none'}`,
    `live ${live.seconds.toFixed(0)} s: ${summary.longTasks} long tasks > 50 ms (max ${f0(summary.longTaskMaxMs)} ms,` +
      ` total ${f0(summary.longTaskTotalMs)} ms; target none: ${summary.longTasksMet ? 'met' : 'NOT met'});` +
      ` max frame gap ${f0(live.maxFrameGapMs)} ms, ${live.fps.toFixed(1)} frames/s;` +
      ` ${live.summariesReceived} stats.summary and ${live.containerMessagesReceived} container messages reached the page`,
    `scroll: ${live.scroll.steps} wheel steps in ${f0(live.scroll.ms)} ms, at bottom: ${live.scroll.atBottom}` +
      ` (last row ${live.scroll.lastRow}, ${live.scroll.renderedRows} rows in the DOM)`,
  ];
  return { text: text.join('\n'), summary };
}
