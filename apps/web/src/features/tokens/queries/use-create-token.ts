import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import type { TokenDto } from '../../../lib/dto/token.js';
import type { CreateTokenInput } from '../../../lib/token-api-schemas.js';
import { tokenKeys } from './query-keys.js';

export function useCreateToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateTokenInput) =>
      api<{ id: string; token: string; apiToken: TokenDto }>('/api/tokens', {
        method: 'POST',
        body,
      }),
    onSuccess: (res) => {
      for (const all of [false, true])
        qc.setQueryData<TokenDto[]>(tokenKeys.list(all), (l) => (l ? [res.apiToken, ...l] : l));
    },
  });
}
