import { formatBytes } from '../../stats/format.js';
import { shortDigest, type PullView } from '../pull-progress.js';

/** Per-layer progress bars of one pull (data-testid="pull-progress"). */
export function PullProgressBars({ view, label }: { view: PullView; label: string }) {
  return (
    <div data-testid="pull-progress" className="space-y-1.5 text-xs">
      <div className="flex justify-between font-medium">
        <span>{label}</span>
        <span>{view.percent === null ? 'resolving…' : `${view.percent} %`}</span>
      </div>
      {view.layers.map((l) => (
        <div key={l.layer} data-testid="layer-progress" className="space-y-0.5">
          <div className="flex justify-between font-mono">
            <span>{shortDigest(l.layer)}</span>
            <span>
              {l.status}
              {l.total > 0 ? ` · ${formatBytes(l.current)} / ${formatBytes(l.total)}` : ''}
            </span>
          </div>
          <div
            role="progressbar"
            aria-label={`layer ${shortDigest(l.layer)}`}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={l.percent ?? undefined}
            className="h-1.5 overflow-hidden rounded bg-slate-200 dark:bg-slate-800"
          >
            <div
              className={`h-full ${l.percent === 100 ? 'bg-green-500' : 'bg-sky-500'}`}
              style={{ width: `${l.percent ?? 5}%` }}
            />
          </div>
        </div>
      ))}
    </div>
  );
}
