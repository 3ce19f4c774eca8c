import { formatTable } from '../lib/report.js';
import { median } from '../lib/stats.js';

/** One compared operation: its samples on both engines and the target ratio, if any. */
export interface Measured {
  readonly op: string;
  readonly docker: readonly number[];
  readonly berth: readonly number[];
  /** Berth/Docker (medians) should be at most this. */
  readonly target?: number;
}

export interface RatioRow {
  readonly op: string;
  readonly dockerMedianMs: number;
  readonly berthMedianMs: number;
  readonly ratio: number;
  readonly target: number | null;
  readonly met: boolean | null;
}

/** Pure: medians and Berth/Docker ratios, one row per operation. */
export function ratioRows(measured: readonly Measured[]): RatioRow[] {
  return measured.map((m) => {
    const d = median(m.docker);
    const b = median(m.berth);
    const r = b / d;
    return {
      op: m.op,
      dockerMedianMs: d,
      berthMedianMs: b,
      ratio: r,
      target: m.target ?? null,
      met: m.target === undefined ? null : r <= m.target,
    };
  });
}

/** Pure: the rows as the printed table. */
export function ratioTable(rows: readonly RatioRow[]): string {
  return formatTable([
    ['operation (docker client)', 'dockerd', 'berth', 'berth/dockerd', 'target'],
    ...rows.map((r) => [
      r.op,
      `${r.dockerMedianMs.toFixed(0)} ms`,
      `${r.berthMedianMs.toFixed(0)} ms`,
      `${r.ratio.toFixed(2)}×`,
      r.target === null ? '' : `≤ ${r.target}× ${r.met ? 'met' : 'NOT met'}`,
    ]),
  ]);
}
