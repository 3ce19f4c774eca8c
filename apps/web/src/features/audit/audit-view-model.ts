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

/** What the audit view knows to name targets by (the mirrors; gone ones fall back). */
export interface TargetNames {
  hosts: ReadonlyMap<string, string>;
  /** By the web's container id `${hostId}:${engineId}`. */
  containers: ReadonlyMap<string, string>;
}

function detailName(detail: string | null): string | null {
  if (!detail) return null;
  try {
    const d = JSON.parse(detail) as { name?: unknown };
    return typeof d.name === 'string' ? d.name : null;
  } catch {
    return null;
  }
}

/**
 * Pure: an audit target as people name it: `container:<host>:<id>` → "web-1 on edge-1",
 * `host:<id>` → "host edge-1"; what is gone since keeps the name the entry recorded, else a short
 * id. The raw target stays available (the title of the cell).
 */
export function targetLabel(
  target: string | null,
  detail: string | null,
  names: TargetNames,
): string {
  if (!target) return '—';
  const [kind, a, b] = target.split(':');
  if (kind === 'container' && a && b) {
    const host = names.hosts.get(a) ?? 'a removed host';
    const name = names.containers.get(`${a}:${b}`) ?? detailName(detail) ?? b.slice(0, 12);
    return `${name} on ${host}`;
  }
  if (kind === 'host' && a) return `host ${names.hosts.get(a) ?? detailName(detail) ?? a}`;
  return target;
}
