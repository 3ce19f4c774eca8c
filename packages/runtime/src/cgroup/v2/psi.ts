import { join } from 'node:path';
import { scratch, type StatFiles } from '../stat-file.js';
import type { Pressure, PsiStats } from '../stats.js';

/** PSI: `some avg10=0.00 avg60=0.00 avg300=0.00 total=0` (+ `full …`). */
export function parsePsi(text: string | null): Pressure | null {
  if (text === null) return null;
  const windows: Record<string, { avg10: number; avg60: number }> = {};
  for (const line of text.split('\n')) {
    const m = /^(some|full) avg10=([\d.]+) avg60=([\d.]+)/.exec(line.trim());
    if (m && m[1]) windows[m[1]] = { avg10: Number(m[2]), avg60: Number(m[3]) };
  }
  if (!windows.some && !windows.full) return null;
  return { some: windows.some ?? null, full: windows.full ?? null };
}

/** v2 pressure stall information (three short files; parsed as text). */
export function openPsi(dir: string, files: StatFiles): () => PsiStats {
  const [cpu, memory, io] = ['cpu.pressure', 'memory.pressure', 'io.pressure'].map((f) => {
    const file = files.open(join(dir, f));
    return () => {
      const n = file.read(scratch);
      return parsePsi(n < 0 ? null : scratch.toString('latin1', 0, n));
    };
  }) as [() => Pressure | null, () => Pressure | null, () => Pressure | null];
  return () => ({ cpu: cpu(), memory: memory(), io: io() });
}
