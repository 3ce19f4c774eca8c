import type { SilenceMatchers } from '../../lib/alert-api-schemas.js';

export interface SilenceTarget {
  ruleId: string;
  hostId: string;
  containerName: string | null;
  stack: string | null;
}

/** Pure: whether a silence's matchers all match an alert (an empty matcher set matches all). */
export function silenceMatches(m: SilenceMatchers, t: SilenceTarget): boolean {
  return (
    (m.ruleId === undefined || m.ruleId === t.ruleId) &&
    (m.hostId === undefined || m.hostId === t.hostId) &&
    (m.container === undefined || m.container === t.containerName) &&
    (m.stack === undefined || m.stack === t.stack)
  );
}
