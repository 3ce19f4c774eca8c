import { readCpuTicks, readMemory, ticksPerSecond } from './proc.js';
import { summarizeTicks, type TickReport, type TickSummary } from './agent-log.js';

export interface Observation {
  readonly windowMs: number;
  /** CPU over the window in % of one core: the process itself, and with reaped children. */
  readonly cpuPercent: number;
  readonly cpuPercentWithChildren: number;
  readonly rssEndBytes: number;
  /** Of rssEndBytes: anonymous (RssAnon) and file-backed (RssFile, the node binary's pages). */
  readonly rssAnonBytes: number;
  readonly rssFileBytes: number;
  readonly rssMaxBytes: number;
  /** VmHWM: the process's peak RSS since it started. */
  readonly rssPeakBytes: number;
  /** The sampler's own tick cost logged inside the window (null: no such log line). */
  readonly ticks: TickSummary | null;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Watches a process for `windowMs`: CPU from `/proc/<pid>/stat` deltas, RSS every second
 * from `/proc/<pid>/status`, and the tick reports (`reports`, appended to live by the caller's
 * log parser) whose time falls inside the window.
 */
export async function observe(
  pid: number,
  windowMs: number,
  reports: readonly TickReport[],
): Promise<Observation> {
  const hz = await ticksPerSecond();
  const t0 = Date.now();
  const cpu0 = await readCpuTicks(pid);
  let rssMax = 0;
  while (Date.now() - t0 < windowMs) {
    rssMax = Math.max(rssMax, (await readMemory(pid)).rss);
    await sleep(Math.min(1000, Math.max(0, windowMs - (Date.now() - t0))));
  }
  const cpu1 = await readCpuTicks(pid);
  const t1 = Date.now();
  const mem = await readMemory(pid);
  const seconds = (t1 - t0) / 1000;
  const pct = (ticks: number) => (ticks / hz / seconds) * 100;
  const self = cpu1.self - cpu0.self;
  return {
    windowMs: t1 - t0,
    cpuPercent: pct(self),
    cpuPercentWithChildren: pct(self + cpu1.children - cpu0.children),
    rssEndBytes: mem.rss,
    rssAnonBytes: mem.anon,
    rssFileBytes: mem.file,
    rssMaxBytes: Math.max(rssMax, mem.rss),
    rssPeakBytes: mem.hwm,
    ticks: summarizeTicks(reports.filter((r) => r.at > t0 && r.at <= t1)),
  };
}
