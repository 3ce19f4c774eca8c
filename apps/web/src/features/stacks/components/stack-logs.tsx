'use client';

import { useState } from 'react';
import { ErrorText } from '../../../components/ui/ui.js';
import { useStackLogs } from '../queries/use-stack-logs.js';
import { serviceColor } from '../service-colors.js';

/** All services' logs on one host, interleaved in time order, each line prefixed by its service. */
export function StackLogs({ name, hostId }: { name: string; hostId: string }) {
  const [live, setLive] = useState(true);
  const logs = useStackLogs(name, hostId, live);
  const entries = logs.data ?? [];
  const width = Math.max(0, ...entries.map((e) => e.service.length));
  return (
    <div className="space-y-2">
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={live} onChange={(e) => setLive(e.target.checked)} />
        Refresh every 3 s
      </label>
      <ErrorText error={logs.error} />
      <pre
        data-testid="stack-logs"
        className="max-h-96 overflow-auto rounded-md bg-slate-950 p-3 text-xs leading-5 text-slate-100"
      >
        {entries.length === 0 ? <span className="text-slate-500">No output yet.</span> : null}
        {entries.map((e, i) => (
          <div key={i} data-testid="stack-log-line" data-service={e.service}>
            <span className={`${serviceColor(e.service)} font-semibold`}>
              {e.service.padEnd(width)} |
            </span>{' '}
            <span className={e.stream === 'stderr' ? 'text-red-300' : ''}>{e.text}</span>
          </div>
        ))}
      </pre>
    </div>
  );
}
