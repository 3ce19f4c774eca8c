import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import type { AlertPageDto } from '../../../lib/dto/alert.js';
import { alertKeys } from './query-keys.js';

/** The alert history (`state` '' = all), re-read every 5 s while the page is open. */
export function useAlerts(state: '' | 'firing' | 'resolved', page: number) {
  return useQuery({
    queryKey: alertKeys.history(state, page),
    queryFn: () =>
      api<AlertPageDto>(`/api/alerts?page=${page}&pageSize=50${state ? `&state=${state}` : ''}`),
    refetchInterval: 5000,
  });
}
