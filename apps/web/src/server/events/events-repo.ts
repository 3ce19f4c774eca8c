import type { Db } from '../database/client.js';
import { pageOfAuditEvents } from '../audit/audit-page.js';

export interface EventsFilter {
  /** `container`: what agents reported; `audit`: what people did; `all`: both. */
  kind: 'all' | 'container' | 'audit';
  hostId?: string;
  /** Web container id `${hostId}:${engineId}`. */
  containerId?: string;
  action?: string;
  actor?: string;
  outcome?: 'success' | 'failure' | 'denied';
  page: number;
  pageSize: number;
}

/** The Events page's query over AuditEvent (container events are rows by `agent:<host>`). */
export function createEventsRepo(db: Db) {
  return {
    list(f: EventsFilter) {
      const target = f.containerId
        ? { target: `container:${f.containerId}` }
        : f.hostId
          ? {
              OR: [
                { target: { startsWith: `container:${f.hostId}:` } },
                { target: `host:${f.hostId}` },
              ],
            }
          : {};
      const kind =
        f.kind === 'container'
          ? { actorName: { startsWith: 'agent:' } }
          : f.kind === 'audit'
            ? { NOT: { actorName: { startsWith: 'agent:' } } }
            : {};
      const where = {
        AND: [
          kind,
          target,
          f.action ? { action: { startsWith: f.action } } : {},
          f.actor ? { actorName: { contains: f.actor } } : {},
          f.outcome ? { outcome: f.outcome } : {},
        ],
      };
      return pageOfAuditEvents(db, where, f);
    },
  };
}
export type EventsRepo = ReturnType<typeof createEventsRepo>;
