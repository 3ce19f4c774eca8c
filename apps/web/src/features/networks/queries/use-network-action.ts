'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import { useToast } from '../../../components/ui/toaster.js';
import type { CreateNetworkBody } from '../../../lib/network-api-schemas.js';
import { networkKeys } from './query-keys.js';

export type NetworkAction =
  { kind: 'create'; request: CreateNetworkBody } | { kind: 'remove'; id: string; name: string };

/** Create and remove: agent errors (overlap, in use by …) become a toast with its message. */
export function useNetworkAction(hostId: string) {
  const qc = useQueryClient();
  const toast = useToast();
  const base = `/api/hosts/${encodeURIComponent(hostId)}/networks`;
  return useMutation({
    mutationFn: (a: NetworkAction) =>
      a.kind === 'create'
        ? api<unknown>(base, { method: 'POST', body: a.request })
        : api<unknown>(`${base}/${encodeURIComponent(a.id)}`, { method: 'DELETE' }),
    onSuccess: (_r, a) =>
      toast('success', a.kind === 'create' ? `Created ${a.request.name}` : `Removed ${a.name}`),
    onError: (err) => toast('error', err instanceof Error ? err.message : String(err)),
    onSettled: () => qc.invalidateQueries({ queryKey: networkKeys.host(hostId) }),
  });
}
