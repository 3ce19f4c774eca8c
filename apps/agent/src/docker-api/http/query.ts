import { AgentError } from '../../errors.js';

/**
 * Docker's query conventions over URLSearchParams: booleans are true unless empty, `0`, `no`,
 * `false` or `none` (moby's `httputils.BoolValue`); numbers are validated; `filters` is JSON.
 * Malformed values are INVALID_ARGUMENT (400).
 */
export class DockerQuery {
  constructor(readonly params: URLSearchParams) {}

  has(key: string): boolean {
    return this.params.has(key);
  }

  string(key: string): string | undefined {
    return this.params.get(key) ?? undefined;
  }

  /** All values of a repeated key (`?changes=a&changes=b`). */
  strings(key: string): string[] {
    return this.params.getAll(key);
  }

  bool(key: string, fallback = false): boolean {
    const v = this.params.get(key);
    if (v === null) return fallback;
    return !['', '0', 'no', 'false', 'none'].includes(v.trim().toLowerCase());
  }

  /** An integer (negative allowed only when `min` allows it); undefined when absent or empty. */
  int(key: string, opts: { min?: number; max?: number } = {}): number | undefined {
    const v = this.params.get(key);
    if (v === null || v === '') return undefined;
    if (!/^-?\d{1,15}$/.test(v)) throw badQuery(key, v, 'an integer');
    const n = Number(v);
    if (opts.min !== undefined && n < opts.min) throw badQuery(key, v, `>= ${opts.min}`);
    if (opts.max !== undefined && n > opts.max) throw badQuery(key, v, `<= ${opts.max}`);
    return n;
  }
}

function badQuery(key: string, value: string, want: string): AgentError {
  return new AgentError(
    'INVALID_ARGUMENT',
    `invalid value for ${key}: ${JSON.stringify(value.slice(0, 64))} (expected ${want})`,
  );
}
