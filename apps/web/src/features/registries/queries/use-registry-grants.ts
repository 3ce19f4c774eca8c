import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import type { RegistryGrantDto } from '../../../lib/dto/registry-grant.js';
import { registryGrantKeys } from './query-keys.js';

export function useRegistryGrants() {
  return useQuery({
    queryKey: registryGrantKeys.list(),
    queryFn: async () => (await api<{ grants: RegistryGrantDto[] }>('/api/registry-grants')).grants,
  });
}
