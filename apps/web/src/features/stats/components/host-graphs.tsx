'use client';

import { useMemo } from 'react';
import { useHostStats } from '../queries/use-host-stats.js';
import { formatBytes, formatPercent } from '../format.js';
import { UplotChart, type ChartData } from './uplot-chart.js';

/** The host's CPU % and memory used/total, live at 1 s over the last 15 minutes. */
export function HostGraphs(props: { hostId: string }) {
  const { points, error } = useHostStats(props.hostId);
  const xs = useMemo(() => points.map((p) => p.at / 1000), [points]);
  const cpu: ChartData = useMemo(() => [xs, points.map((p) => p.cpuPercent)], [xs, points]);
  const memory: ChartData = useMemo(
    () => [xs, points.map((p) => p.memoryUsed), points.map((p) => p.memoryTotal)],
    [xs, points],
  );
  const last = points[points.length - 1];
  return (
    <section aria-label="Host graphs" className="space-y-3">
      <p className="text-sm">
        CPU <span data-testid="host-cpu-now">{formatPercent(last?.cpuPercent)}</span> · memory{' '}
        {formatBytes(last?.memoryUsed)} of {formatBytes(last?.memoryTotal)}
      </p>
      {error ? (
        <p role="alert" className="text-sm text-red-600">
          {error instanceof Error ? error.message : 'host history unavailable'}
        </p>
      ) : null}
      <div className="grid gap-4 md:grid-cols-2">
        <UplotChart
          testId="graph-host-cpu"
          title="Host CPU"
          series={[{ label: 'busy', color: '#0284c7' }]}
          data={cpu}
          format={formatPercent}
          axis="percent"
          yRange={{ min: 0, max: 100 }}
        />
        <UplotChart
          testId="graph-host-memory"
          title="Host memory"
          series={[
            { label: 'used', color: '#0284c7' },
            { label: 'total', color: '#ef4444', dash: [6, 4] },
          ]}
          data={memory}
          format={formatBytes}
          axis="bytes"
          yRange={{ min: 0 }}
        />
      </div>
    </section>
  );
}
