'use client';

import { useState } from 'react';
import { EmptyState } from '../../../components/ui/ui.js';
import { useHosts } from '../../hosts/queries/use-hosts.js';
import { HostNetworksView } from './host-networks-view.js';

/** /networks: pick a host, then its networks. */
export function NetworksPageView({ canOperate }: { canOperate: boolean }) {
  const hosts = useHosts();
  const usable = (hosts.data ?? []).filter((h) => h.status !== 'pending' && h.status !== 'revoked');
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
                {h.name} ({h.status})
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {hosts.data && usable.length === 0 ? (
        <EmptyState title="No enrolled hosts">Add a host first.</EmptyState>
      ) : null}
      {hostId ? <HostNetworksView key={hostId} hostId={hostId} canOperate={canOperate} /> : null}
    </div>
  );
}
