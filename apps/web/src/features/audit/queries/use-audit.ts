import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import type { AuditPageDto } from '../../../lib/dto/audit.js';
import { auditKeys } from './query-keys.js';
import { toAuditQueryString, type AuditFilterState } from '../audit-view-model.js';

export function useAudit(filter: AuditFilterState) {
  return useQuery({
    queryKey: auditKeys.list(filter),
    queryFn: () => api<AuditPageDto>(`/api/audit?${toAuditQueryString(filter)}`),
    placeholderData: keepPreviousData,
  });
}
