import { AgentError } from '../../errors.js';

/** Docker's `filters` query: each key → its accepted values. */
export type Filters = ReadonlyMap<string, readonly string[]>;

/**
 * Pure: parse `?filters=` — `{"label":{"a=b":true}}` (current) or `{"label":["a=b"]}` (legacy),
 * refusing keys outside `allowed` with Docker's message ("invalid filter 'x'").
 */
export function parseFilters(raw: string | undefined, allowed: readonly string[]): Filters {
  const out = new Map<string, string[]>();
  if (raw === undefined || raw.trim() === '') return out;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new AgentError('INVALID_ARGUMENT', 'invalid filter: filters is not valid JSON');
  }
  if (!json || typeof json !== 'object' || Array.isArray(json))
    throw new AgentError('INVALID_ARGUMENT', 'invalid filter: filters must be a JSON object');
  for (const [key, v] of Object.entries(json)) {
    if (!allowed.includes(key)) throw new AgentError('INVALID_ARGUMENT', `invalid filter '${key}'`);
    let values: string[];
    if (Array.isArray(v) && v.every((x) => typeof x === 'string')) values = v;
    else if (v && typeof v === 'object' && !Array.isArray(v)) values = Object.keys(v);
    else throw new AgentError('INVALID_ARGUMENT', `invalid filter '${key}': bad value`);
    if (values.length) out.set(key, values);
  }
  return out;
}

/** Pure: does a `label` filter value (`key` or `key=value`) match these labels? */
export function labelMatches(filter: string, labels: Readonly<Record<string, string>>): boolean {
  const i = filter.indexOf('=');
  if (i < 0) return Object.hasOwn(labels, filter);
  const key = filter.slice(0, i);
  return Object.hasOwn(labels, key) && labels[key] === filter.slice(i + 1);
}

/** Pure: every `label` filter must match (Docker ANDs labels, ORs the values of other keys). */
export function labelsMatch(filters: Filters, labels: Readonly<Record<string, string>>): boolean {
  return (filters.get('label') ?? []).every((f) => labelMatches(f, labels));
}

/** Pure: `true`/`1` → true, `false`/`0` → false (`dangling`, `is-task`…); others are 400. */
export function boolFilter(filters: Filters, key: string): boolean | undefined {
  const v = filters.get(key);
  if (!v) return undefined;
  const on = v.some((x) => x === 'true' || x === '1');
  const off = v.some((x) => x === 'false' || x === '0');
  if (!on && !off) throw new AgentError('INVALID_ARGUMENT', `invalid filter '${key}=${v[0]}'`);
  return on;
}

/** Pure: Docker time filters (`since`/`until` on events, `until` on prune): unix seconds, RFC 3339, or a duration like `10m`. */
export function parseTimeFilter(value: string, now: Date): Date {
  if (/^\d+(\.\d+)?$/.test(value)) return new Date(Number(value) * 1000);
  const d = /^(\d+(?:\.\d+)?)(ns|us|ms|s|m|h)$/.exec(value);
  if (d) {
    const mult = { ns: 1e-6, us: 1e-3, ms: 1, s: 1e3, m: 60e3, h: 3600e3 }[d[2] as 'ns'];
    return new Date(now.getTime() - Number(d[1]) * mult);
  }
  const t = Date.parse(value);
  if (Number.isNaN(t))
    throw new AgentError('INVALID_ARGUMENT', `invalid time: ${value.slice(0, 64)}`);
  return new Date(t);
}
