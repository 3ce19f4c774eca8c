import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import { dropHost } from './merge-host.js';

/** DELETE the host (admin): it and everything mirrored from it leave every cached view. */
export function useRemoveHost(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>(`/api/hosts/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => dropHost(qc, id),
  });
}
