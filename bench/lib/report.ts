import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Summary } from './stats.js';

export const RESULTS_DIR = fileURLToPath(new URL('../results/', import.meta.url));

export const ms = (n: number) => `${n.toFixed(0)} ms`;
export const mib = (bytes: number) => `${(bytes / (1 << 20)).toFixed(1)} MiB`;

/** Pure: rows of cells → an aligned text table (first row is the header). */
export function formatTable(rows: ReadonlyArray<readonly string[]>): string {
  const widths: number[] = [];
  for (const row of rows)
    row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  const line = (row: readonly string[]) =>
    row.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  const [head, ...body] = rows;
  return [head ? line(head) : '', rule, ...body.map(line)].join('\n');
}

export interface Contender {
  readonly label: string;
  readonly samples: readonly number[];
  readonly summary: Summary;
}

/** Pure: per-run times and summaries of each contender, side by side. */
export function comparisonTable(contenders: readonly Contender[]): string {
  const runs = Math.max(...contenders.map((c) => c.samples.length));
  const rows: string[][] = [['', ...contenders.map((c) => c.label)]];
  for (let i = 0; i < runs; i++)
    rows.push([`run ${i + 1}`, ...contenders.map((c) => fmtOpt(c.samples[i]))]);
  for (const key of ['min', 'median', 'p95', 'max'] as const)
    rows.push([key, ...contenders.map((c) => ms(c.summary[key]))]);
  return formatTable(rows);
}

const fmtOpt = (n: number | undefined) => (n === undefined ? '-' : ms(n));

/** Pure: `2026-11-29T05-31-07` (UTC), safe in a file name. */
export function fileStamp(d: Date): string {
  return d.toISOString().slice(0, 19).replace(/:/g, '-');
}

/** Writes `bench/results/<name>-<stamp>.json` (gitignored) and returns its path. */
export async function writeResults(name: string, when: Date, data: unknown): Promise<string> {
  await mkdir(RESULTS_DIR, { recursive: true });
  const path = join(RESULTS_DIR, `${name}-${fileStamp(when)}.json`);
  await writeFile(path, `${JSON.stringify(data, null, 2)}\n`);
  return path;
}
