import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import type { TokenDto } from '../../../lib/dto/token.js';
import { tokenKeys } from './query-keys.js';

export function useTokens() {
  return useQuery({
    queryKey: tokenKeys.list(),
    queryFn: async () => (await api<{ tokens: TokenDto[] }>('/api/tokens')).tokens,
  });
}
