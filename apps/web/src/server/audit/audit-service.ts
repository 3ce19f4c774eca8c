import type { AuditRepo, AuditFilter, AuditEntry } from './audit-repo.js';
import { toAuditPageDto, type AuditPageDto } from '../../lib/dto/audit.js';

export function createAuditService(deps: { audit: AuditRepo }) {
  return {
    record: async (entry: AuditEntry): Promise<void> => {
      await deps.audit.record(entry);
    },
    async list(filter: AuditFilter): Promise<AuditPageDto> {
      return toAuditPageDto(await deps.audit.list(filter), filter);
    },
  };
}
export type AuditService = ReturnType<typeof createAuditService>;
