import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import type { TokenDto } from '../../../lib/dto/token.js';
import { tokenKeys } from './query-keys.js';

export function useRevokeToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) =>
      (
        await api<{ apiToken: TokenDto }>(`/api/tokens/${encodeURIComponent(id)}`, {
          method: 'DELETE',
        })
      ).apiToken,
    onSuccess: (t) => {
      for (const all of [false, true])
        qc.setQueryData<TokenDto[]>(tokenKeys.list(all), (l) =>
          l?.map((x) => (x.id === t.id ? t : x)),
        );
    },
  });
}
