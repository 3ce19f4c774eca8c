/**
 * Y-axis policy for the graphs, as pure functions: a minimum range per unit (so a flat or
 * all-zero series still gets a readable axis), tick increments (binary for bytes, 1-2-5 for the
 * rest, whole numbers for counts) and tick labels whose decimals follow the tick step (so
 * neighbouring labels never read the same).
 */

export type AxisKind = 'percent' | 'bytes' | 'rate' | 'count' | 'throttle';

/** The smallest top of the y range per kind (values are in the series' own unit). */
export const minAxisSpan: Record<AxisKind, number> = {
  percent: 10,
  bytes: 1024 * 1024,
  rate: 1000,
  count: 4,
  throttle: 1,
};

/** [min, max] for uPlot's scale: `fixed` wins, else 0 (or below) up to max(data + 10 %, span). */
export function axisRange(
  kind: AxisKind,
  dataMin: number | null,
  dataMax: number | null,
  fixed?: { min?: number; max?: number },
): [number, number] {
  const lo = fixed?.min ?? Math.min(0, dataMin ?? 0);
  const top = Math.max((dataMax ?? 0) * 1.1, lo + minAxisSpan[kind]);
  return [lo, fixed?.max ?? top];
}

function decimalIncrs(fromExp: number, toExp: number, integersOnly: boolean): number[] {
  const out: number[] = [];
  for (let e = fromExp; e <= toExp; e++) {
    for (const m of [1, 2, 5]) {
      const v = Number((m * 10 ** e).toPrecision(3));
      if (!integersOnly || Number.isInteger(v)) out.push(v);
    }
  }
  return out;
}

function binaryIncrs(): number[] {
  const out: number[] = [];
  for (let p = 0; p <= 50; p++) out.push(2 ** p);
  return out;
}

/** Tick increments uPlot picks from (the smallest that keeps ticks far enough apart). */
export function axisIncrs(kind: AxisKind): number[] {
  if (kind === 'bytes') return binaryIncrs();
  if (kind === 'count') return decimalIncrs(0, 12, true);
  return decimalIncrs(-3, 15, false);
}

interface Unit {
  scale: number;
  suffix: string;
}

const byteUnits = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
const rateUnits = ['B/s', 'kB/s', 'MB/s', 'GB/s', 'TB/s'];

function pickUnit(kind: AxisKind, largest: number): Unit {
  if (kind === 'percent') return { scale: 1, suffix: ' %' };
  if (kind === 'throttle') return { scale: 1, suffix: ' ms/s' };
  if (kind === 'count') return { scale: 1, suffix: '' };
  const base = kind === 'bytes' ? 1024 : 1000;
  const names = kind === 'bytes' ? byteUnits : rateUnits;
  let i = 0;
  while (largest >= base ** (i + 1) && i < names.length - 1) i++;
  return { scale: base ** i, suffix: ` ${names[i]}` };
}

/** The fewest decimals (0–3) that write `step` exactly, so ticks `step` apart read differently. */
export function decimalsForStep(step: number): number {
  if (!Number.isFinite(step) || step <= 0) return 0;
  for (let d = 0; d < 3; d++) {
    const x = step * 10 ** d;
    if (Math.abs(x - Math.round(x)) < 1e-6 * Math.max(1, x)) return d;
  }
  return 3;
}

/**
 * Labels for one axis: one unit for all ticks (chosen by the largest), decimals from the step
 * between ticks. `ticks` are uPlot's splits, ascending.
 */
export function formatTicks(kind: AxisKind, ticks: readonly number[]): string[] {
  if (ticks.length === 0) return [];
  const largest = Math.max(...ticks.map((t) => Math.abs(t)));
  const unit = pickUnit(kind, largest);
  let step = Infinity;
  for (let i = 1; i < ticks.length; i++) step = Math.min(step, ticks[i]! - ticks[i - 1]!);
  const digits = kind === 'count' ? 0 : decimalsForStep(step / unit.scale);
  return ticks.map((t) => {
    const v = t / unit.scale;
    const text = v.toFixed(digits);
    return `${Number(text) === 0 ? (0).toFixed(digits) : text}${unit.suffix}`;
  });
}
