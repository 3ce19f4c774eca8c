'use client';

import { useState } from 'react';
import { PageHeader, EmptyState } from '../../../components/ui/ui.js';
import { useHosts } from '../../hosts/queries/use-hosts.js';
import { HostImagesView } from './host-images-view.js';

/** /images: pick a host, then its images and layer sharing. */
export function ImagesPageView({ canOperate }: { canOperate: boolean }) {
  const hosts = useHosts();
  const usable = (hosts.data ?? []).filter((h) => h.status !== 'pending' && h.status !== 'revoked');
  const [picked, setPicked] = useState<string | null>(null);
  const hostId = picked ?? usable[0]?.id ?? '';
  return (
    <div>
      <PageHeader
        title="Images"
        actions={
          usable.length > 0 ? (
            <label className="flex items-center gap-2 text-sm">
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
          ) : null
        }
      />
      {hosts.data && usable.length === 0 ? (
        <EmptyState title="No enrolled hosts">Add a host first.</EmptyState>
      ) : null}
      {hostId ? <HostImagesView key={hostId} hostId={hostId} canOperate={canOperate} /> : null}
    </div>
  );
}
