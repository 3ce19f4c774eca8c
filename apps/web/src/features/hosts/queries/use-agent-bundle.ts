import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import type { ServedBundle } from '../host-view-model.js';
import { hostKeys } from './query-keys.js';

/** The agent release this web serves (what "Upgrade" installs), null when none was built. */
export function useAgentBundle() {
  return useQuery({
    queryKey: hostKeys.bundle(),
    queryFn: async () =>
      (await api<{ bundle: (ServedBundle & { sha256: string }) | null }>('/api/agent-bundle'))
        .bundle,
    staleTime: 60_000,
  });
}
