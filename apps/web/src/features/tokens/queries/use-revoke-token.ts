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
    onSuccess: (t) =>
      qc.setQueryData<TokenDto[]>(tokenKeys.list(), (l) => l?.map((x) => (x.id === t.id ? t : x))),
  });
}
