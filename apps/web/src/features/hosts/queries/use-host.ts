import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import type { HostDto } from '../../../lib/dto/host.js';
import { hostKeys } from './query-keys.js';

export function useHost(id: string) {
  return useQuery({
    queryKey: hostKeys.detail(id),
    queryFn: async () =>
      (await api<{ host: HostDto }>(`/api/hosts/${encodeURIComponent(id)}`)).host,
  });
}
