import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import type { TokenDto } from '../../../lib/dto/token.js';
import { tokenKeys } from './query-keys.js';

/** One's own tokens; with `all` (admins), everyone's. */
export function useTokens(all = false) {
  return useQuery({
    queryKey: tokenKeys.list(all),
    queryFn: async () =>
      (await api<{ tokens: TokenDto[] }>(`/api/tokens${all ? '?all=true' : ''}`)).tokens,
  });
}
