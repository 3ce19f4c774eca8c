'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import { useToast } from '../../../components/ui/toaster.js';
import { volumeKeys } from './query-keys.js';

export type VolumeAction = { kind: 'create'; name: string } | { kind: 'remove'; name: string };

/**
 * Create and remove. A refused remove (in use by …) becomes a toast; a refused create is the
 * create dialog's to show (it stays open with the name, as typed, and the reason).
 */
export function useVolumeAction(hostId: string) {
  const qc = useQueryClient();
  const toast = useToast();
  const base = `/api/hosts/${encodeURIComponent(hostId)}/volumes`;
  return useMutation({
    mutationFn: (a: VolumeAction) =>
      a.kind === 'create'
        ? api<unknown>(base, { method: 'POST', body: { name: a.name } })
        : api<unknown>(`${base}/${encodeURIComponent(a.name)}`, { method: 'DELETE' }),
    onSuccess: (_r, a) =>
      toast('success', `${a.kind === 'create' ? 'Created' : 'Removed'} ${a.name}`),
    onError: (err, a) => {
      if (a.kind === 'remove') toast('error', err instanceof Error ? err.message : String(err));
    },
    onSettled: () => qc.invalidateQueries({ queryKey: volumeKeys.host(hostId) }),
  });
}
