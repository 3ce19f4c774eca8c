import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import type { ContainerDto } from '../../../lib/dto/container.js';
import { containerKeys } from './query-keys.js';

/** Every container of every host, loaded once; 'containers.changed' pushes keep it current. */
export function useContainers() {
  return useQuery({
    queryKey: containerKeys.list(),
    queryFn: async () => (await api<{ containers: ContainerDto[] }>('/api/containers')).containers,
    staleTime: Infinity,
  });
}
