import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import type { HostDto } from '../../../lib/dto/host.js';
import { applyHost } from './merge-host.js';

export function useRenameHost(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (name: string) =>
      (
        await api<{ host: HostDto }>(`/api/hosts/${encodeURIComponent(id)}`, {
          method: 'PATCH',
          body: { name },
        })
      ).host,
    onSuccess: (host) => applyHost(qc, host),
  });
}
