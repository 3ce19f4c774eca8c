import { invalid } from '../errors.js';
import type { Healthcheck } from '../model.js';
import { parseDuration, parseInteger } from '../units.js';

/**
 * Pure: `healthcheck:` → Docker's HealthConfig. A string test is `["CMD-SHELL", test]`,
 * `disable: true` is `["NONE"]`, no test (`[]`) keeps the image's. Durations in nanoseconds,
 * 0 where not given (Docker's defaults then apply: 30 s interval and timeout, 3 retries).
 */
export function normalizeHealthcheck(v: unknown, where: string): Healthcheck | null {
  if (v === undefined || v === null) return null;
  const o = v as Record<string, unknown>;
  const dur = (k: string) =>
    o[k] === undefined ? 0 : parseDuration(o[k] as string | number, `${where}.${k}`);
  const retries =
    o.retries === undefined ? 0 : parseInteger(o.retries as number, `${where}.retries`);
  const hc: Healthcheck = {
    test: testOf(o, where),
    interval: dur('interval'),
    timeout: dur('timeout'),
    retries,
    startPeriod: dur('start_period'),
    startInterval: dur('start_interval'),
  };
  if (retries < 0) throw invalid(`${where}.retries: must be >= 0`);
  return hc;
}

function testOf(o: Record<string, unknown>, where: string): string[] {
  if (o.disable === true || o.disable === 'true') {
    if (o.test !== undefined && !isNone(o.test))
      throw invalid(`${where}: test and disable: true are exclusive`);
    return ['NONE'];
  }
  if (o.test === undefined || o.test === null) return [];
  if (typeof o.test === 'string') return o.test === '' ? [] : ['CMD-SHELL', o.test];
  const test = (o.test as unknown[]).map(String);
  const kind = test[0];
  if (kind !== 'NONE' && kind !== 'CMD' && kind !== 'CMD-SHELL')
    throw invalid(`${where}.test: a list starts with NONE, CMD or CMD-SHELL (got "${kind ?? ''}")`);
  if (kind !== 'NONE' && test.length < 2) throw invalid(`${where}.test: ${kind} needs a command`);
  return test;
}

const isNone = (t: unknown) => Array.isArray(t) && t[0] === 'NONE';
