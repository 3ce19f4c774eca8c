import type { AuditFilterState } from '../audit-view-model.js';

export const auditKeys = {
  all: ['audit'] as const,
  list: (f: AuditFilterState) => [...auditKeys.all, 'list', f] as const,
};
