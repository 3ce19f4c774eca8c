'use client';

import { useMemo, useState } from 'react';
import { statsRanges, type StatsRange } from '../../../lib/stats/chart-points.js';
import { useHost } from '../../hosts/queries/use-host.js';
import { useContainerHistory } from '../queries/use-container-history.js';
import { useLiveContainerStats } from '../queries/use-live-container-stats.js';
import { containerCharts, latestCpu, mergePoints } from '../graph-model.js';
import { formatPercent } from '../format.js';
import { UplotChart } from './uplot-chart.js';

/** A container's resource graphs: live at 1 s for ≤ 15 min, 1-minute rollups beyond. */
export function ContainerGraphs(props: { hostId: string; containerId: string; running: boolean }) {
  const { hostId, containerId, running } = props;
  const [range, setRange] = useState<StatsRange>('15m');
  const host = useHost(hostId);
  const history = useContainerHistory(hostId, containerId, range);
  const live = useLiveContainerStats(hostId, containerId, running);
  const points = useMemo(
    () => mergePoints(history.data?.points ?? [], live, range, Date.now()),
    [history.data, live, range],
  );
  const cgroupVersion = host.data?.facts.cgroupVersion ?? null;
  const charts = useMemo(() => containerCharts(points, { cgroupVersion }), [points, cgroupVersion]);
  const cpu = latestCpu(live.length ? live : points);

  return (
    <section aria-label="Resource graphs" className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <div role="group" aria-label="Range" className="flex gap-1">
          {statsRanges.map((r) => (
            <button
              key={r}
              type="button"
              aria-pressed={r === range}
              onClick={() => setRange(r)}
              className={`rounded px-2 py-0.5 text-sm ${r === range ? 'bg-sky-600 text-white' : 'border border-slate-300 dark:border-slate-700'}`}
            >
              {r}
            </button>
          ))}
        </div>
        <span className="text-sm">
          CPU now: <span data-testid="cpu-now">{formatPercent(cpu.value)}</span>{' '}
          <span className="text-slate-500">of {cpu.of}</span>
        </span>
        {!running ? (
          <span className="text-sm text-slate-500">not running — history only</span>
        ) : null}
        {history.error ? (
          <span role="alert" className="text-sm text-red-600">
            {history.error instanceof Error ? history.error.message : 'history unavailable'}
          </span>
        ) : null}
      </div>
      <div className="grid gap-4 md:grid-cols-2">
        {charts.map((c) => (
          <UplotChart key={c.testId} {...c} />
        ))}
      </div>
    </section>
  );
}
