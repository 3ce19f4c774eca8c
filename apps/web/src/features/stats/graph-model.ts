import {
  rangeMs,
  sourceForRange,
  trimWindow,
  type StatsChartPoint,
  type StatsRange,
} from '../../lib/stats/chart-points.js';
import type { AxisKind } from './axis.js';
import { formatBytes, formatCount, formatPercent, formatRate, formatThrottle } from './format.js';

type NumericKey = {
  [K in keyof StatsChartPoint]: StatsChartPoint[K] extends number | null ? K : never;
}[keyof StatsChartPoint];

export interface SeriesSpec {
  label: string;
  color: string;
  dash?: number[];
  fill?: string;
}

export interface ChartSpec {
  testId: string;
  title: string;
  series: SeriesSpec[];
  data: [number[], ...(number | null)[][]];
  format: (v: number) => string;
  /** Unit of the y axis: its minimum range, tick steps and tick labels. */
  axis: AxisKind;
  yRange?: { min?: number; max?: number };
}

const colors = {
  a: '#0284c7',
  b: '#f59e0b',
  c: '#10b981',
  limit: '#ef4444',
};

const nulls: Omit<StatsChartPoint, 'at'> = {
  cpuPercent: null,
  cpuPercentOfLimit: null,
  memoryUsage: null,
  memoryWorkingSet: null,
  memoryCache: null,
  memoryLimit: null,
  ioReadRate: null,
  ioWriteRate: null,
  netRxRate: null,
  netTxRate: null,
  pids: null,
  pidsLimit: null,
  throttledMsPerSec: null,
  psiCpu: null,
  psiMemory: null,
  psiIo: null,
};

/**
 * Pure: a point of nothing in every hole longer than `maxGapMs` (the container was stopped, the
 * host away): the graph shows a gap there, not a line drawn across it.
 */
export function withGaps(points: readonly StatsChartPoint[], maxGapMs: number): StatsChartPoint[] {
  const out: StatsChartPoint[] = [];
  for (const p of points) {
    const prev = out[out.length - 1];
    if (prev && p.at - prev.at > maxGapMs) out.push({ at: prev.at + 1, ...nulls });
    out.push(p);
  }
  return out;
}

/** Holes longer than this are gaps: a few missed 1 s samples, or a missed 1-minute rollup. */
const maxGapMs = { agent: 5_000, rollup: 150_000 } as const;

/** History first, then live points newer than the last history point, cut to the range. */
export function mergePoints(
  history: readonly StatsChartPoint[],
  live: readonly StatsChartPoint[],
  range: StatsRange,
  now: number,
): StatsChartPoint[] {
  const last = history.length ? history[history.length - 1]!.at : -Infinity;
  const merged =
    sourceForRange(range) === 'agent'
      ? [...history, ...live.filter((p) => p.at > last)]
      : [...history];
  const source = sourceForRange(range);
  return withGaps(trimWindow(merged, now, rangeMs[range]), maxGapMs[source]);
}

export function hasAny(points: readonly StatsChartPoint[], key: NumericKey): boolean {
  return points.some((p) => p[key] !== null);
}

function columns(points: readonly StatsChartPoint[], keys: NumericKey[]): ChartSpec['data'] {
  return [points.map((p) => p.at / 1000), ...keys.map((k) => points.map((p) => p[k]))];
}

interface Line {
  key: NumericKey;
  spec: SeriesSpec;
  /** Show even when every value is null (e.g. the main series, so the chart is not empty). */
  always?: boolean;
}

function chart(
  points: readonly StatsChartPoint[],
  base: Omit<ChartSpec, 'series' | 'data'>,
  lines: Line[],
): ChartSpec {
  const shown = lines.filter((l) => l.always || hasAny(points, l.key));
  return {
    ...base,
    series: shown.map((l) => l.spec),
    data: columns(
      points,
      shown.map((l) => l.key),
    ),
  };
}

/** The newest CPU figure the header shows: % of the limit when there is one, else of the host. */
export function latestCpu(points: readonly StatsChartPoint[]): {
  value: number | null;
  of: 'limit' | 'host';
} {
  for (let i = points.length - 1; i >= 0; i--) {
    const p = points[i]!;
    if (p.cpuPercentOfLimit !== null) return { value: p.cpuPercentOfLimit, of: 'limit' };
    if (p.cpuPercent !== null) return { value: p.cpuPercent, of: 'host' };
  }
  return { value: null, of: 'host' };
}

/**
 * Every graph of a container. CPU shows % of the limit when there is one (and % of the host);
 * memory draws the limit as a dashed line; PSI only on cgroup v2 hosts (on v1 it is absent, not
 * a row of zeros).
 */
export function containerCharts(
  points: readonly StatsChartPoint[],
  opts: { cgroupVersion: number | null },
): ChartSpec[] {
  const limitLine = { color: colors.limit, dash: [6, 4] };
  const charts: ChartSpec[] = [
    chart(
      points,
      {
        testId: 'graph-cpu',
        title: 'CPU',
        format: formatPercent,
        axis: 'percent',
        yRange: { min: 0 },
      },
      [
        { key: 'cpuPercentOfLimit', spec: { label: '% of limit', color: colors.b } },
        { key: 'cpuPercent', spec: { label: '% of host', color: colors.a }, always: true },
      ],
    ),
    chart(
      points,
      {
        testId: 'graph-memory',
        title: 'Memory',
        format: formatBytes,
        axis: 'bytes',
        yRange: { min: 0 },
      },
      [
        { key: 'memoryWorkingSet', spec: { label: 'working set', color: colors.a }, always: true },
        { key: 'memoryCache', spec: { label: 'cache', color: colors.c } },
        { key: 'memoryLimit', spec: { label: 'limit', ...limitLine } },
      ],
    ),
    chart(
      points,
      {
        testId: 'graph-io',
        title: 'Disk I/O',
        format: formatRate,
        axis: 'rate',
        yRange: { min: 0 },
      },
      [
        { key: 'ioReadRate', spec: { label: 'read', color: colors.a }, always: true },
        { key: 'ioWriteRate', spec: { label: 'write', color: colors.b }, always: true },
      ],
    ),
    chart(
      points,
      {
        testId: 'graph-network',
        title: 'Network',
        format: formatRate,
        axis: 'rate',
        yRange: { min: 0 },
      },
      [
        { key: 'netRxRate', spec: { label: 'rx', color: colors.a }, always: true },
        { key: 'netTxRate', spec: { label: 'tx', color: colors.b }, always: true },
      ],
    ),
    chart(
      points,
      {
        testId: 'graph-pids',
        title: 'Processes',
        format: formatCount,
        axis: 'count',
        yRange: { min: 0 },
      },
      [
        { key: 'pids', spec: { label: 'pids', color: colors.a }, always: true },
        { key: 'pidsLimit', spec: { label: 'pids.max', ...limitLine } },
      ],
    ),
    chart(
      points,
      {
        testId: 'graph-throttling',
        title: 'CPU throttling',
        format: formatThrottle,
        axis: 'throttle',
        yRange: { min: 0 },
      },
      [
        {
          key: 'throttledMsPerSec',
          spec: { label: 'throttled', color: colors.limit },
          always: true,
        },
      ],
    ),
  ];
  if (opts.cgroupVersion === 2) {
    charts.push(
      chart(
        points,
        {
          testId: 'graph-psi',
          title: 'Pressure (PSI some, avg10)',
          format: formatPercent,
          axis: 'percent',
          yRange: { min: 0 },
        },
        [
          { key: 'psiCpu', spec: { label: 'cpu', color: colors.a }, always: true },
          { key: 'psiMemory', spec: { label: 'memory', color: colors.c }, always: true },
          { key: 'psiIo', spec: { label: 'io', color: colors.b }, always: true },
        ],
      ),
    );
  }
  return charts;
}
