/**
 * The agent's own sampler cost. Every summary (10 s) its StatsSampler logs at debug level
 * `stats: 10 ticks, 200 containers, mean 12.3 ms, max 20.1 ms, cpu mean 4.2 ms`
 * (apps/agent/src/stats/sampler.ts), in the agent's JSON line format (@berth/log:
 * `{"level":"debug","time":"<iso>","name":"agent","msg":"stats: …"}`; agents before it wrote
 * `<iso time> debug stats: …`, which is read too). A tick's time runs from the start of the pass to the end of
 * its last cgroup read, host reading included (wall time: on a loaded machine it includes time
 * the agent waited for a core); `cpu mean` is the process CPU time (user + system) a tick used —
 * absent in agents older than 2026-11-29.
 */
export interface TickReport {
  readonly at: number;
  readonly ticks: number;
  readonly containers: number;
  readonly meanMs: number;
  readonly maxMs: number;
  readonly cpuMeanMs: number | null;
}

const MSG =
  /^stats: (\d+) ticks, (\d+) containers, mean ([\d.]+) ms, max ([\d.]+) ms(?:, cpu mean ([\d.]+) ms)?/;

/** A JSON log line's time and message when it is at `level`, else null. */
function jsonRecord(line: string, level: string): { time: string; msg: string } | null {
  try {
    const r = JSON.parse(line) as { level?: unknown; time?: unknown; msg?: unknown };
    return r.level === level && typeof r.time === 'string' && typeof r.msg === 'string'
      ? { time: r.time, msg: r.msg }
      : null;
  } catch {
    return null;
  }
}

/**
 * Pure: the agent's memory breakdown (`kill -USR2 <pid>` logs at info level
 * `memory: rss 81.0 MB, heap used …; spaces used/size: …`, apps/agent/src/diagnostics.ts)
 * without the `memory: ` prefix, or null for another line.
 */
export function parseMemoryLine(line: string): string | null {
  const r = line.startsWith('{') ? jsonRecord(line, 'info') : null;
  return r?.msg.startsWith('memory: ') ? r.msg.slice('memory: '.length) : null;
}

/** A debug-level log line's time and message (JSON, or the older text format), else null. */
function debugRecord(line: string): { time: string; msg: string } | null {
  if (line.startsWith('{')) return jsonRecord(line, 'debug');
  const old = /^(\S+)\s+debug\s+(.*)$/.exec(line);
  return old ? { time: old[1]!, msg: old[2]! } : null;
}

/** Pure: one agent log line → a tick report, or null when it is another line. */
export function parseTickLine(line: string): TickReport | null {
  const r = debugRecord(line);
  const found = r ? MSG.exec(r.msg) : null;
  if (!r || !found) return null;
  const m = [r.time, ...found.slice(1)];
  return {
    at: Date.parse(m[0]!),
    ticks: Number(m[1]),
    containers: Number(m[2]),
    meanMs: Number(m[3]),
    maxMs: Number(m[4]),
    cpuMeanMs: m[5] === undefined ? null : Number(m[5]),
  };
}

export interface TickSummary {
  readonly reports: number;
  readonly ticks: number;
  /** Containers the sampler held at the last report. */
  readonly containers: number;
  /** Tick-weighted mean over the reports. */
  readonly meanMs: number;
  readonly maxMs: number;
  /** Median of the reports' 10-second means. */
  readonly medianOfMeansMs: number;
  /** Tick-weighted CPU time per tick over the reports that carry it; null when none does. */
  readonly cpuMeanMs: number | null;
}

function cpuMean(reports: readonly TickReport[]): number | null {
  let ticks = 0;
  let sum = 0;
  for (const r of reports) {
    if (r.cpuMeanMs === null) continue;
    ticks += r.ticks;
    sum += r.cpuMeanMs * r.ticks;
  }
  return ticks === 0 ? null : sum / ticks;
}

/** Pure: reports (in the order logged) → one summary, or null when there were none. */
export function summarizeTicks(reports: readonly TickReport[]): TickSummary | null {
  if (reports.length === 0) return null;
  const ticks = reports.reduce((a, r) => a + r.ticks, 0);
  const means = reports.map((r) => r.meanMs).sort((a, b) => a - b);
  const mid = Math.floor(means.length / 2);
  return {
    reports: reports.length,
    ticks,
    containers: reports[reports.length - 1]!.containers,
    meanMs: reports.reduce((a, r) => a + r.meanMs * r.ticks, 0) / ticks,
    maxMs: Math.max(...reports.map((r) => r.maxMs)),
    medianOfMeansMs: means.length % 2 ? means[mid]! : (means[mid - 1]! + means[mid]!) / 2,
    cpuMeanMs: cpuMean(reports),
  };
}
