import { invalid } from './errors.js';

const NS: Record<string, number> = {
  ns: 1,
  us: 1e3,
  µs: 1e3,
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
  d: 86400e9,
};

/**
 * Pure: a Compose duration (Go's time.ParseDuration grammar: `1m30s`, `1.5s`, `500ms`, `10us`,
 * plus `d`) → nanoseconds. A bare number is seconds, as in Compose's `stop_grace_period: 10`.
 */
export function parseDuration(input: string | number, where: string): number {
  if (typeof input === 'number') return Math.round(input * 1e9);
  const s = input.trim();
  if (s === '0') return 0;
  const part = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h|d)/y;
  let total = 0;
  let at = 0;
  while (at < s.length) {
    part.lastIndex = at;
    const m = part.exec(s);
    if (!m) throw invalid(`${where}: invalid duration "${input}" (like 30s, 1m30s, 500ms)`);
    total += Number(m[1]) * (NS[m[2] as string] as number);
    at = part.lastIndex;
  }
  if (s.length === 0) throw invalid(`${where}: empty duration`);
  return Math.round(total);
}

const BYTES: Record<string, number> = {
  '': 1,
  b: 1,
  k: 1024,
  kb: 1024,
  m: 1024 ** 2,
  mb: 1024 ** 2,
  g: 1024 ** 3,
  gb: 1024 ** 3,
  t: 1024 ** 4,
  tb: 1024 ** 4,
};

/** Pure: a Compose byte value (`2b`, `1024kb`, `300m`, `1gb`, `1.5g`, a bare number) → bytes. */
export function parseBytes(input: string | number, where: string): number {
  if (typeof input === 'number') return Math.floor(input);
  const m = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(input.trim());
  const unit = BYTES[(m?.[2] ?? 'x').toLowerCase()];
  if (!m || unit === undefined)
    throw invalid(`${where}: invalid byte value "${input}" (like 512m, 1g, 1024kb)`);
  return Math.floor(Number(m[1]) * unit);
}

/** Pure: a CPU count given as a number or a string (`"0.5"`). */
export function parseCpus(input: string | number, where: string): number {
  const n = typeof input === 'number' ? input : Number(input.trim());
  if (!Number.isFinite(n) || n < 0 || (typeof input === 'string' && input.trim() === ''))
    throw invalid(`${where}: invalid cpus "${input}"`);
  return n;
}

/** Pure: an integer given as a number or a numeric string (after interpolation). */
export function parseInteger(input: string | number, where: string): number {
  const n = typeof input === 'number' ? input : /^-?\d+$/.test(input.trim()) ? Number(input) : NaN;
  if (!Number.isInteger(n)) throw invalid(`${where}: "${input}" is not an integer`);
  return n;
}

/** Pure: YAML-ish booleans after interpolation (`true`, `"false"`, `"1"`). */
export function parseBoolean(input: unknown, where: string): boolean {
  if (typeof input === 'boolean') return input;
  const s = String(input).toLowerCase();
  if (['true', 'yes', 'y', 'on', '1'].includes(s)) return true;
  if (['false', 'no', 'n', 'off', '0'].includes(s)) return false;
  throw invalid(`${where}: "${String(input)}" is not a boolean`);
}
