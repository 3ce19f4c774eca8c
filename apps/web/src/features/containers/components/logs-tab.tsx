'use client';

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { LogLine } from '@berth/protocol';
import { ErrorText, inputClass } from '../../../components/ui/ui.js';
import { useContainerLogs, logsUrl } from '../queries/use-container-logs.js';
import { useLogFollow } from '../queries/use-log-follow.js';
import { highlightParts } from '../log-search.js';

const TAIL = 500;
const KEEP = 5000;

/**
 * Logs: the newest 500 lines, live follow, search with highlights, stdout/stderr marked,
 * download. Opens at the newest line with Follow on (as `docker logs -f` does) and keeps to the
 * bottom while you are there; scrolled up, it stays where you read. "Start" and "Newest" jump.
 */
export function LogsTab(props: {
  hostId: string;
  engineId: string;
  running: boolean;
  canFollow: boolean;
}) {
  const { hostId, engineId } = props;
  const tail = useContainerLogs(hostId, engineId, TAIL, true);
  const [follow, setFollow] = useState(props.running && props.canFollow);
  const box = useRef<HTMLDivElement>(null);
  /** Whether the view sits at the newest line (then new lines keep it there). */
  const atBottom = useRef(true);
  const [extra, setExtra] = useState<LogLine[]>([]);
  const [query, setQuery] = useState('');
  const onLines = useCallback(
    (lines: LogLine[]) => setExtra((e) => [...e, ...lines].slice(-KEEP)),
    [],
  );
  const status = useLogFollow({
    hostId,
    engineId,
    enabled: follow && props.running && props.canFollow,
    onLines,
  });
  const firstRun = useRef(true);
  useEffect(() => {
    // The tail is fetched on mount; later, refetch it when follow starts so the live lines
    // continue from it.
    if (firstRun.current) {
      firstRun.current = false;
      return;
    }
    if (!follow) setExtra([]);
    else void tail.refetch();
  }, [follow]);
  const lines = useMemo(
    () => [...(tail.data?.entries ?? []), ...extra].slice(-KEEP),
    [tail.data, extra],
  );
  const shown = query
    ? lines.filter((l) => l.text.toLowerCase().includes(query.toLowerCase()))
    : lines;
  const jump = (to: 'start' | 'end') => {
    const el = box.current;
    if (!el) return;
    el.scrollTop = to === 'start' ? 0 : el.scrollHeight;
    atBottom.current = to === 'end';
  };
  useEffect(() => {
    if (atBottom.current) jump('end');
  }, [lines.length, tail.isPending]);
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-3">
        <input
          aria-label="Search logs"
          placeholder="Search"
          className={`${inputClass} max-w-xs`}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={follow}
            disabled={!props.running || !props.canFollow}
            onChange={(e) => setFollow(e.target.checked)}
          />
          Follow
        </label>
        <span className="text-xs text-slate-500" role="status" data-testid="follow-status">
          {!props.canFollow
            ? 'following needs the operator role'
            : !props.running
              ? 'not running'
              : follow
                ? `${status.status}${status.message ? ` — ${status.message}` : ''}`
                : ''}
        </span>
        <button
          type="button"
          className="text-sm text-sky-700 hover:underline dark:text-sky-400"
          onClick={() => void tail.refetch()}
        >
          Refresh
        </button>
        <button
          type="button"
          className="text-sm text-sky-700 hover:underline dark:text-sky-400"
          onClick={() => jump('start')}
        >
          ↑ Start
        </button>
        <button
          type="button"
          className="text-sm text-sky-700 hover:underline dark:text-sky-400"
          onClick={() => jump('end')}
        >
          ↓ Newest
        </button>
        <a
          className="ml-auto text-sm text-sky-700 hover:underline dark:text-sky-400"
          href={logsUrl(hostId, engineId, KEEP, true)}
          download
        >
          Download logs
        </a>
      </div>
      <ErrorText error={tail.error} />
      {tail.data?.truncated ? (
        <p className="text-xs text-slate-500">Showing the newest {TAIL} lines.</p>
      ) : null}
      <div
        ref={box}
        data-testid="logs"
        onScroll={(e) => {
          const el = e.currentTarget;
          atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
        }}
        className="h-[60vh] overflow-auto rounded-md border border-slate-200 bg-slate-950 p-2 font-mono text-xs text-slate-100 dark:border-slate-800"
      >
        {tail.isPending ? <p className="text-slate-400">Loading…</p> : null}
        {!tail.isPending && shown.length === 0 ? (
          <p className="text-slate-400">{query ? 'No lines match.' : 'No log lines yet.'}</p>
        ) : null}
        {shown.map((l, i) => (
          <div
            key={i}
            data-stream={l.stream}
            className={`flex gap-2 whitespace-pre-wrap ${l.stream === 'stderr' ? 'text-red-400' : ''}`}
          >
            <span className="shrink-0 text-slate-500">{l.time.slice(11, 23)}</span>
            <span
              className={`shrink-0 ${l.stream === 'stderr' ? 'text-red-400' : 'text-slate-500'}`}
              aria-label={l.stream}
            >
              {l.stream === 'stderr' ? 'ERR' : 'OUT'}
            </span>
            <span className="min-w-0 break-all">
              {highlightParts(l.text, query).map((p, j) =>
                p.match ? (
                  <mark key={j} className="bg-amber-300 text-slate-900">
                    {p.text}
                  </mark>
                ) : (
                  <span key={j}>{p.text}</span>
                ),
              )}
            </span>
          </div>
        ))}
      </div>
    </div>
  );
}
