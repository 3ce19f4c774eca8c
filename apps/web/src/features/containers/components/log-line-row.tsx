import type { LogLine } from '@berth/protocol';
import { highlightParts } from '../log-search.js';

/** One log line: its time, OUT/ERR, and its text with the search's matches marked. */
export function LogLineRow({ line: l, query }: { line: LogLine; query: string }) {
  return (
    <div
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
  );
}
