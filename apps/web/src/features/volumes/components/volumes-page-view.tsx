'use client';

import { useState } from 'react';
import { EmptyState } from '../../../components/ui/ui.js';
import { useHosts } from '../../hosts/queries/use-hosts.js';
import { HostVolumesView } from './host-volumes-view.js';

/** /volumes: pick a host, then its volumes. */
export function VolumesPageView(props: { canOperate: boolean; canBrowse: boolean }) {
  const hosts = useHosts();
  const usable = (hosts.data ?? []).filter((h) => h.status === 'online');
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
                {h.name}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {hosts.data && usable.length === 0 ? (
        <EmptyState title="No host is online">Volumes are read from the host’s agent.</EmptyState>
      ) : null}
      {hostId ? <HostVolumesView key={hostId} hostId={hostId} {...props} /> : null}
    </div>
  );
}
