/** Units that read at a glance: %, B/KiB/MiB/GiB, B/s–GB/s. Null means unknown and shows "–". */

const binaryUnits = ['B', 'KiB', 'MiB', 'GiB', 'TiB'] as const;
const rateUnits = ['B/s', 'kB/s', 'MB/s', 'GB/s', 'TB/s'] as const;

function scaled(value: number, base: number, units: readonly string[]): string {
  let v = Math.abs(value);
  let i = 0;
  while (v >= base && i < units.length - 1) {
    v /= base;
    i++;
  }
  const digits = i === 0 || v >= 100 ? 0 : v >= 10 ? 1 : 2;
  return `${value < 0 ? '-' : ''}${v.toFixed(digits)} ${units[i]}`;
}

export function formatBytes(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return scaled(value, 1024, binaryUnits);
}

/** Decimal rates (network and disk speeds are quoted in powers of 1000). */
export function formatRate(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return scaled(value, 1000, rateUnits);
}

export function formatPercent(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} %`;
}

export function formatCount(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return String(Math.round(value));
}

/** Milliseconds of throttling per second of wall time. */
export function formatThrottle(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return `${value >= 100 ? value.toFixed(0) : value.toFixed(1)} ms/s`;
}
