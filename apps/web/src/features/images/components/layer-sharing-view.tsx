'use client';

import { formatBytes } from '../../stats/format.js';
import { useLayerSharing } from '../queries/use-layer-sharing.js';
import { shortDigest } from '../pull-progress.js';
import { tableClass, tdClass, thClass } from '../../../components/ui/ui.js';

/**
 * Which layers each image shares with others and the space that saves: every layer with its
 * size and users, shared ones highlighted.
 */
export function LayerSharingView({ hostId }: { hostId: string }) {
  const q = useLayerSharing(hostId);
  return (
    <section data-testid="layer-sharing" aria-label="Layer sharing" className="space-y-3">
      <div className="flex flex-wrap items-baseline gap-4">
        <h2 className="text-lg font-semibold">Layer sharing</h2>
        {q.data ? (
          <p className="text-sm">
            <span data-testid="shared-savings" className="font-semibold">
              {formatBytes(q.data.sharedSavings)}
            </span>{' '}
            saved by sharing · {q.data.layers.filter((l) => l.shared).length} shared of{' '}
            {q.data.layers.length} layers · {formatBytes(q.data.totalSize)} stored
            {q.data.source === 'mirror' ? ' (compressed sizes; host offline)' : ''}
          </p>
        ) : null}
      </div>
      {q.error ? (
        <p role="alert" className="text-sm text-red-600">
          {q.error instanceof Error ? q.error.message : 'unavailable'}
        </p>
      ) : null}
      {q.data && q.data.layers.length > 0 ? (
        <table className={tableClass}>
          <thead>
            <tr>
              <th className={thClass}>Layer</th>
              <th className={thClass}>
                {q.data.source === 'mirror' ? 'Size (compressed)' : 'Size on disk (unpacked)'}
              </th>
              <th className={thClass}>Used by</th>
            </tr>
          </thead>
          <tbody>
            {q.data.layers.map((l) => (
              <tr
                key={`${l.digest}-${l.images.map((i) => i.id).join()}`}
                data-testid="layer-row"
                data-shared={l.shared ? 'true' : 'false'}
                className={l.shared ? 'bg-amber-50 dark:bg-amber-950/40' : ''}
              >
                <td className={`${tdClass} font-mono text-xs`}>
                  {shortDigest(l.digest)}
                  {l.shared ? (
                    <span className="ml-2 rounded bg-amber-200 px-1 text-[10px] text-amber-900 dark:bg-amber-800 dark:text-amber-100">
                      shared ×{l.images.length}
                    </span>
                  ) : null}
                </td>
                <td className={tdClass}>{formatBytes(l.size)}</td>
                <td className={tdClass}>{l.images.map((i) => i.name).join(', ') || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : q.data ? (
        <p className="text-sm text-slate-500">No layers on this host.</p>
      ) : null}
    </section>
  );
}
