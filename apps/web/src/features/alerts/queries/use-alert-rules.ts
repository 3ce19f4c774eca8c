import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import type { AlertRuleDto } from '../../../lib/dto/alert.js';
import { alertKeys } from './query-keys.js';

export function useAlertRules() {
  return useQuery({
    queryKey: alertKeys.rules(),
    queryFn: async () => (await api<{ rules: AlertRuleDto[] }>('/api/alerts/rules')).rules,
  });
}
