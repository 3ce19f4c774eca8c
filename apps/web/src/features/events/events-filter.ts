export interface EventsFilterState {
  kind: 'all' | 'container' | 'audit';
  host: string;
  action: string;
  actor: string;
  outcome: '' | 'success' | 'failure' | 'denied';
  page: number;
}

export const emptyEventsFilter: EventsFilterState = {
  kind: 'all',
  host: '',
  action: '',
  actor: '',
  outcome: '',
  page: 1,
};

/** Pure: the query string of GET /api/events (empty fields left out). */
export function eventsQueryString(f: EventsFilterState, pageSize = 50): string {
  const q = new URLSearchParams({ kind: f.kind, page: String(f.page), pageSize: String(pageSize) });
  if (f.host) q.set('host', f.host);
  if (f.action.trim()) q.set('action', f.action.trim());
  if (f.actor.trim()) q.set('actor', f.actor.trim());
  if (f.outcome) q.set('outcome', f.outcome);
  return q.toString();
}

/** Pure: "container:<host>:<64hex>" → the host and short id, for links and display. */
export function parseTarget(target: string | null): { hostId: string; engineId: string } | null {
  const m = /^container:([^:]+):([0-9a-f]{64})$/.exec(target ?? '');
  return m ? { hostId: m[1]!, engineId: m[2]! } : null;
}
