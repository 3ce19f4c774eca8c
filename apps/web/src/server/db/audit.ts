import type { Db } from './client.js';
import type { AuditOutcome } from '../../lib/dto/audit.js';
import { randomId } from '../auth/secrets.js';

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

export function createAuditRepo(db: Db) {
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
          detail: e.detail ? JSON.stringify(e.detail) : null,
          ip: e.ip ?? null,
        },
      }),
    async list(f: AuditFilter) {
      const where = {
        ...(f.action ? { action: { startsWith: f.action } } : {}),
        ...(f.actor ? { actorName: f.actor } : {}),
        ...(f.outcome ? { outcome: f.outcome } : {}),
      };
      const [rows, total] = await Promise.all([
        db.auditEvent.findMany({
          where,
          orderBy: [{ at: 'desc' }, { id: 'desc' }],
          skip: (f.page - 1) * f.pageSize,
          take: f.pageSize,
        }),
        db.auditEvent.count({ where }),
      ]);
      return { rows, total };
    },
  };
}
export type AuditRepo = ReturnType<typeof createAuditRepo>;
