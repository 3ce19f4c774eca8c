import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import type { HostDto } from '../../../lib/dto/host.js';
import { hostKeys } from './query-keys.js';

export function useHosts() {
  return useQuery({
    queryKey: hostKeys.list(),
    queryFn: async () => (await api<{ hosts: HostDto[] }>('/api/hosts')).hosts,
  });
}
