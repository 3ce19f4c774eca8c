import type { AuditRepo, AuditFilter, AuditEntry } from './audit-repo.js';
import { toAuditEventDto, type AuditPageDto } from '../../lib/dto/audit.js';

export function createAuditService(deps: { audit: AuditRepo }) {
  return {
    record: async (entry: AuditEntry): Promise<void> => {
      await deps.audit.record(entry);
    },
    async list(filter: AuditFilter): Promise<AuditPageDto> {
      const { rows, total } = await deps.audit.list(filter);
      return {
        events: rows.map(toAuditEventDto),
        total,
        page: filter.page,
        pageSize: filter.pageSize,
      };
    },
  };
}
export type AuditService = ReturnType<typeof createAuditService>;
