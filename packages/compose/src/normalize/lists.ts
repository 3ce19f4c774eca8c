import { invalid } from '../errors.js';

/**
 * Pure: Compose's `list_or_dict` (`environment`, `labels`, …) → a map. List items are
 * `KEY=VALUE` or a bare `KEY` (value null: taken from the environment for `environment`).
 * Map values that are numbers or booleans become strings; null stays null.
 */
export function listOrDict(v: unknown, where: string, sep = '='): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  if (v === undefined || v === null) return out;
  if (Array.isArray(v)) {
    for (const item of v) {
      const s = String(item);
      const i = s.indexOf(sep);
      const key = i < 0 ? s : s.slice(0, i);
      if (key === '') throw invalid(`${where}: empty key in "${s}"`);
      out[key] = i < 0 ? null : s.slice(i + 1);
    }
    return out;
  }
  for (const [k, val] of Object.entries(v as Record<string, unknown>))
    out[k] = val === null || val === undefined ? null : String(val);
  return out;
}

/** Pure: a string or a list of strings → a list. */
export function stringOrList(v: unknown): string[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v.map(String) : [String(v)];
}

/** Pure: a map's keys sorted, so equal configs serialize (and hash) equally. */
export function sortedRecord<T>(r: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Pure: `extra_hosts` (list of `host:ip` / `host=ip`, or a map) → `host:ip` entries. */
export function extraHosts(v: unknown, where: string): string[] {
  if (v === undefined || v === null) return [];
  if (Array.isArray(v))
    return v.map((item) => {
      const s = String(item);
      const eq = s.indexOf('=');
      const colon = s.indexOf(':');
      const i = eq >= 0 ? eq : colon;
      if (i <= 0) throw invalid(`${where}: "${s}" is not host:ip`);
      return `${s.slice(0, i)}:${s.slice(i + 1).replace(/^\[(.*)\]$/, '$1')}`;
    });
  return Object.entries(v as Record<string, unknown>).flatMap(([host, ips]) =>
    stringOrList(ips).map((ip) => `${host}:${ip}`),
  );
}
