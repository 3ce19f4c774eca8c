import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import { hostKeys } from './query-keys.js';

export interface UpgradeAllResult {
  hostId: string;
  name: string;
  ok: boolean;
  fromVersion: string | null;
  toVersion: string | null;
  error: string | null;
}

/** POST /api/hosts/upgrade-all: every enrolled host not at the served release. */
export function useUpgradeAll() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async () =>
      (await api<{ results: UpgradeAllResult[] }>('/api/hosts/upgrade-all', { method: 'POST' }))
        .results,
    onSettled: () => qc.invalidateQueries({ queryKey: hostKeys.list() }),
  });
}
