import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import type { AlertChannelDto } from '../../../lib/dto/alert.js';
import { alertKeys } from './query-keys.js';

export function useAlertChannels() {
  return useQuery({
    queryKey: alertKeys.channels(),
    queryFn: async () =>
      (await api<{ channels: AlertChannelDto[] }>('/api/alerts/channels')).channels,
  });
}
