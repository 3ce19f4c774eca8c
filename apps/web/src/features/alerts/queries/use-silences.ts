import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import type { SilenceDto } from '../../../lib/dto/alert.js';
import { alertKeys } from './query-keys.js';

export function useSilences() {
  return useQuery({
    queryKey: alertKeys.silences(),
    queryFn: async () => (await api<{ silences: SilenceDto[] }>('/api/alerts/silences')).silences,
  });
}
