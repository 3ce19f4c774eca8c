'use client';

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { LogLine } from '@berth/protocol';
import { ErrorText } from '../../../components/ui/ui.js';
import { useContainerLogs, logsUrl } from '../queries/use-container-logs.js';
import { useLogFollow } from '../queries/use-log-follow.js';
import { LogLineRow } from './log-line-row.js';
import { LogsToolbar } from './logs-toolbar.js';

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
      <LogsToolbar
        query={query}
        onQuery={setQuery}
        follow={follow}
        onFollow={setFollow}
        followable={props.running && props.canFollow}
        followStatus={
          !props.canFollow
            ? 'following needs the operator role'
            : !props.running
              ? 'not running'
              : follow
                ? `${status.status}${status.message ? ` — ${status.message}` : ''}`
                : ''
        }
        onRefresh={() => void tail.refetch()}
        onJump={jump}
        downloadHref={logsUrl(hostId, engineId, KEEP, true)}
      />
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
          <LogLineRow key={i} line={l} query={query} />
        ))}
      </div>
    </div>
  );
}
