import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import { registryGrantKeys } from './query-keys.js';

/** Grant (`grant: true`) or revoke a registry's stored credentials for operators. */
export function useChangeGrant() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ registry, grant }: { registry: string; grant: boolean }) =>
      grant
        ? api('/api/registry-grants', { method: 'POST', body: { registry } })
        : api(`/api/registry-grants?registry=${encodeURIComponent(registry)}`, {
            method: 'DELETE',
          }),
    onSettled: () => qc.invalidateQueries({ queryKey: registryGrantKeys.all }),
  });
}
