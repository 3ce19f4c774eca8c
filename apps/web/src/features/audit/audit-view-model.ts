export interface AuditFilterState {
  action: string;
  actor: string;
  outcome: '' | 'success' | 'failure' | 'denied';
  page: number;
}

export const emptyAuditFilter: AuditFilterState = { action: '', actor: '', outcome: '', page: 1 };

/** Pure: the query string of GET /api/audit for a filter (empty fields left out). */
export function toAuditQueryString(f: AuditFilterState, pageSize = 50): string {
  const q = new URLSearchParams();
  if (f.action.trim()) q.set('action', f.action.trim());
  if (f.actor.trim()) q.set('actor', f.actor.trim());
  if (f.outcome) q.set('outcome', f.outcome);
  q.set('page', String(f.page));
  q.set('pageSize', String(pageSize));
  return q.toString();
}

export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}
