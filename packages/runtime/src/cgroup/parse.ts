/** Pure parsers for cgroupfs file formats (fscommon style). Invalid input → null, never 0. */

/** Above this a v1 limit means "unlimited" (PAGE_COUNTER_MAX rounded to pages). */
const V1_UNLIMITED = 2 ** 62;

export function parseUint(text: string | null): number | null {
  if (text === null) return null;
  const t = text.trim();
  if (!/^\d+$/.test(t)) return null;
  return Number(t);
}

/** A limit file: `max` (v2) or a huge number (v1) → null. */
export function parseLimit(text: string | null): number | null {
  if (text === null || text.trim() === 'max' || text.trim() === '-1') return null;
  const n = parseUint(text);
  return n === null || n >= V1_UNLIMITED ? null : n;
}

/** `key value` per line (memory.stat, cpu.stat, memory.events, oom_control). */
export function parseKeyValue(text: string | null): Map<string, number> | null {
  if (text === null) return null;
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    const [k, v, extra] = line.trim().split(/\s+/);
    if (k && v && extra === undefined && /^\d+$/.test(v)) out.set(k, Number(v));
  }
  return out;
}

export const pick = (m: Map<string, number> | null, key: string): number | null =>
  m?.get(key) ?? null;

/** v2 `io.stat`: `MAJ:MIN rbytes=1 wbytes=2 rios=3 wios=4 …`, summed over devices. */
export function parseNestedKeyValue(text: string | null): Map<string, number> | null {
  if (text === null) return null;
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    const [, ...pairs] = line.trim().split(/\s+/);
    for (const p of pairs) {
      const [k, v] = p.split('=');
      if (k && v && /^\d+$/.test(v)) out.set(k, (out.get(k) ?? 0) + Number(v));
    }
  }
  return out;
}

/** v1 `blkio.throttle.io_service*`: `MAJ:MIN Read 123` lines, summed per op (Total line ignored). */
export function parseBlkioRecursive(text: string | null): Map<string, number> | null {
  if (text === null) return null;
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    const [dev, op, v] = line.trim().split(/\s+/);
    if (dev && op && v && /^\d+:\d+$/.test(dev) && /^\d+$/.test(v))
      out.set(op, (out.get(op) ?? 0) + Number(v));
  }
  return out;
}

/** PSI: `some avg10=0.00 avg60=0.00 avg300=0.00 total=0` (+ `full …`). */
export function parsePsi(text: string | null) {
  if (text === null) return null;
  const windows: Record<string, { avg10: number; avg60: number }> = {};
  for (const line of text.split('\n')) {
    const m = /^(some|full) avg10=([\d.]+) avg60=([\d.]+)/.exec(line.trim());
    if (m && m[1]) windows[m[1]] = { avg10: Number(m[2]), avg60: Number(m[3]) };
  }
  if (!windows.some && !windows.full) return null;
  return { some: windows.some ?? null, full: windows.full ?? null };
}
