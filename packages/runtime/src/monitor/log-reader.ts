import { open, stat } from 'node:fs/promises';
import { watch, type FSWatcher } from 'node:fs';
import {
  joinPartials,
  matchesFilter,
  parseLogLine,
  type LogEntry,
  type LogFilter,
  type LogLine,
  type LogStream,
} from './log-line.js';

export interface ReadLogsOptions extends LogFilter {
  /** Only the last N matching entries of what exists now. */
  tail?: number;
  /** Keep reading as the file grows (handles conmon's truncate-on-max-size). */
  follow?: boolean;
  /** Ends a follow: resolve when the container has exited (remaining lines are still read). */
  stopWhen?: Promise<unknown>;
  signal?: AbortSignal;
  /** Poll interval while following, besides fs.watch. */
  pollMs?: number;
}

interface Cursor {
  offset: number;
  ino: number;
  rest: string;
  pending: Partial<Record<LogStream, LogLine>>;
}

async function readChunk(path: string, cur: Cursor): Promise<LogEntry[]> {
  let st;
  try {
    st = await stat(path);
  } catch {
    return [];
  }
  if (st.ino !== cur.ino || st.size < cur.offset) {
    // replaced or truncated by log-size-max: start over on the new file
    Object.assign(cur, { offset: 0, ino: st.ino, rest: '' });
  }
  if (st.size === cur.offset) return [];
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(st.size - cur.offset);
    const { bytesRead } = await fh.read(buf, 0, buf.length, cur.offset);
    cur.offset += bytesRead;
    const text = cur.rest + buf.subarray(0, bytesRead).toString('utf8');
    const lines = text.split('\n');
    cur.rest = lines.pop() ?? '';
    const parsed = lines.map(parseLogLine).filter((l): l is LogLine => l !== null);
    const { entries, pending } = joinPartials(parsed, cur.pending);
    cur.pending = pending;
    return entries;
  } finally {
    await fh.close();
  }
}

function waitForChange(
  path: string,
  pollMs: number,
  stops: Array<Promise<unknown>>,
): Promise<void> {
  return new Promise((resolve) => {
    let watcher: FSWatcher | undefined;
    const done = () => {
      clearTimeout(timer);
      watcher?.close();
      resolve();
    };
    const timer = setTimeout(done, pollMs);
    try {
      watcher = watch(path, done);
      watcher.on('error', done);
    } catch {
      /* file may be mid-rotation: the poll covers it */
    }
    for (const s of stops) void s.then(done, done);
  });
}

/** Reads a k8s-file log as entries: tail, since/until, per-stream, and follow. */
export async function* readLogs(
  path: string,
  opts: ReadLogsOptions = {},
): AsyncGenerator<LogEntry> {
  const cur: Cursor = { offset: 0, ino: -1, rest: '', pending: {} };
  const first = (await readChunk(path, cur)).filter((e) => matchesFilter(e, opts));
  const start = opts.tail === undefined ? 0 : Math.max(0, first.length - opts.tail);
  yield* first.slice(start);
  if (!opts.follow) return;
  let stopped = false;
  const stopPromises: Array<Promise<unknown>> = [];
  if (opts.stopWhen) stopPromises.push(opts.stopWhen.then(() => (stopped = true)));
  if (opts.signal) {
    const signal = opts.signal;
    stopPromises.push(
      new Promise<void>((r) =>
        signal.aborted ? r() : signal.addEventListener('abort', () => r(), { once: true }),
      ).then(() => (stopped = true)),
    );
  }
  for (;;) {
    if (opts.signal?.aborted) return;
    const wasStopped = stopped;
    for (const e of await readChunk(path, cur)) if (matchesFilter(e, opts)) yield e;
    if (wasStopped) return;
    await waitForChange(path, opts.pollMs ?? 250, stopPromises);
  }
}
