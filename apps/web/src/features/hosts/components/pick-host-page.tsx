'use client';

import { useState, type ReactNode } from 'react';
import type { HostDto } from '../../../lib/dto/host.js';
import { useHosts } from '../queries/use-hosts.js';

const usableBy = {
  /** Enrolled hosts, offline ones too (their mirrored state is still shown). */
  enrolled: (h: HostDto) => h.status !== 'pending' && h.status !== 'revoked',
  /** Hosts whose agent answers now (what is read live from the agent). */
  online: (h: HostDto) => h.status === 'online',
};

/**
 * A page about one host's things (/images, /networks, /volumes): the first usable host, a picker
 * when there are several, an empty state when there is none.
 */
export function PickHostPage({
  hosts: which,
  empty,
  children,
}: {
  hosts: keyof typeof usableBy;
  empty: ReactNode;
  children: (hostId: string) => ReactNode;
}) {
  const hosts = useHosts();
  const usable = (hosts.data ?? []).filter(usableBy[which]);
  const [picked, setPicked] = useState<string | null>(null);
  const hostId = picked ?? usable[0]?.id ?? '';
  return (
    <div className="space-y-4">
      {usable.length > 1 ? (
        <label className="flex items-center justify-end gap-2 text-sm">
          Host
          <select
            aria-label="Host"
            className="rounded border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-900"
            value={hostId}
            onChange={(e) => setPicked(e.target.value)}
          >
            {usable.map((h) => (
              <option key={h.id} value={h.id}>
                {which === 'online' ? h.name : `${h.name} (${h.status})`}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {hosts.data && usable.length === 0 ? empty : null}
      {hostId ? <div key={hostId}>{children(hostId)}</div> : null}
    </div>
  );
}
