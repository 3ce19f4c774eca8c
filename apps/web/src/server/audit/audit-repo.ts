import type { Db } from '../database/client.js';
import type { AuditOutcome } from '../../lib/dto/audit.js';
import { randomId } from '../auth/secrets.js';
import { pageOfAuditEvents } from './audit-page.js';

export interface AuditEntry {
  actorId: string | null;
  actorName: string;
  action: string;
  target?: string | null;
  outcome: AuditOutcome;
  detail?: Record<string, unknown> | null;
  ip?: string | null;
}

export interface AuditFilter {
  action?: string;
  actor?: string;
  outcome?: AuditOutcome;
  page: number;
  pageSize: number;
}

/**
 * `annotate` adds context to every entry's detail (e.g. the API token a request came with:
 * `{via: {token: {id, name}}}`), so an action done with a token is told apart from a browser's.
 */
export function createAuditRepo(
  db: Db,
  opts: { annotate?: () => Record<string, unknown> | undefined } = {},
) {
  const serialize = (detail: AuditEntry['detail']): string | null => {
    const extra = opts.annotate?.();
    const all = extra ? { ...detail, ...extra } : detail;
    return all ? JSON.stringify(all) : null;
  };
  return {
    record: (e: AuditEntry) =>
      db.auditEvent.create({
        data: {
          id: randomId(),
          actorId: e.actorId,
          actorName: e.actorName,
          action: e.action,
          target: e.target ?? null,
          outcome: e.outcome,
          detail: serialize(e.detail),
          ip: e.ip ?? null,
        },
      }),
    list(f: AuditFilter) {
      const where = {
        ...(f.action ? { action: { startsWith: f.action } } : {}),
        ...(f.actor ? { actorName: f.actor } : {}),
        ...(f.outcome ? { outcome: f.outcome } : {}),
      };
      return pageOfAuditEvents(db, where, f);
    },
  };
}
export type AuditRepo = ReturnType<typeof createAuditRepo>;
