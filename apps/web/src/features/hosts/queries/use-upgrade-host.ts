import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import type { HostDto } from '../../../lib/dto/host.js';
import { applyHost } from './merge-host.js';

/** POST /api/hosts/:id/upgrade: the agent installs the served release and restarts into it. */
export function useUpgradeHost(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async () =>
      (
        await api<{ host: HostDto }>(`/api/hosts/${encodeURIComponent(id)}/upgrade`, {
          method: 'POST',
        })
      ).host,
    onSuccess: (host) => applyHost(qc, host),
  });
}
