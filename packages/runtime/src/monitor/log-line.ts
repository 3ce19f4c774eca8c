export type LogStream = 'stdout' | 'stderr';

/** One (joined) log message. */
export interface LogEntry {
  /** RFC 3339 timestamp with nanoseconds, as conmon wrote it. */
  time: string;
  /** Milliseconds since the epoch (for comparisons). */
  timeMs: number;
  stream: LogStream;
  text: string;
}

export interface LogLine extends LogEntry {
  partial: boolean;
}

const LINE = /^(\S+) (stdout|stderr) ([FP]) (.*)$/s;

/** Pure: parses one k8s-file line `TS stdout|stderr F|P text`; null when malformed. */
export function parseLogLine(line: string): LogLine | null {
  const m = LINE.exec(line);
  if (!m) return null;
  const time = m[1] ?? '';
  const timeMs = Date.parse(time.replace(/(\.\d{3})\d+/, '$1'));
  if (Number.isNaN(timeMs)) return null;
  return { time, timeMs, stream: m[2] as LogStream, partial: m[3] === 'P', text: m[4] ?? '' };
}

/**
 * Joins partial lines (P…P F) per stream into whole messages; returns complete entries and the
 * still-open partials to carry into the next chunk.
 */
export function joinPartials(
  lines: LogLine[],
  pending: Partial<Record<LogStream, LogLine>> = {},
): { entries: LogEntry[]; pending: Partial<Record<LogStream, LogLine>> } {
  const open = { ...pending };
  const entries: LogEntry[] = [];
  for (const l of lines) {
    const prev = open[l.stream];
    const merged = prev ? { ...prev, text: prev.text + l.text, partial: l.partial } : l;
    if (merged.partial) open[l.stream] = merged;
    else {
      delete open[l.stream];
      entries.push({
        time: merged.time,
        timeMs: merged.timeMs,
        stream: merged.stream,
        text: merged.text,
      });
    }
  }
  return { entries, pending: open };
}

export interface LogFilter {
  since?: Date;
  until?: Date;
  stdout?: boolean;
  stderr?: boolean;
}

/** Pure: keeps entries matching streams and time window. */
export function matchesFilter(e: LogEntry, f: LogFilter): boolean {
  if (e.stream === 'stdout' && f.stdout === false) return false;
  if (e.stream === 'stderr' && f.stderr === false) return false;
  if (f.since && e.timeMs < f.since.getTime()) return false;
  if (f.until && e.timeMs > f.until.getTime()) return false;
  return true;
}
