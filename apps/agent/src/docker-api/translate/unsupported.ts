import { AgentError } from '../../errors.js';

/** A field Berth cannot honour was set: refuse the request rather than ignore it. */
export function unsupported(field: string, value?: unknown): AgentError {
  const shown = value === undefined ? '' : ` (${JSON.stringify(value).slice(0, 80)})`;
  return new AgentError('INVALID_ARGUMENT', `${field}${shown} is not supported by Berth`);
}

/** Pure: is a Docker field empty/default (null, undefined, 0, '', false, [], {})? */
export function isUnset(v: unknown): boolean {
  if (v === null || v === undefined || v === 0 || v === '' || v === false) return true;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === 'object') return Object.keys(v).length === 0;
  return false;
}
