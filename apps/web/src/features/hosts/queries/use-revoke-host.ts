import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import type { HostDto } from '../../../lib/dto/host.js';
import { applyHost } from './merge-host.js';

export function useRevokeHost(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async () =>
      (
        await api<{ host: HostDto }>(`/api/hosts/${encodeURIComponent(id)}/revoke`, {
          method: 'POST',
        })
      ).host,
    onSuccess: (host) => applyHost(qc, host),
  });
}
