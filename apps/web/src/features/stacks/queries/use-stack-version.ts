'use client';

import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import type { StackVersionDto } from '../../../lib/dto/stack.js';
import { stackKeys } from './query-keys.js';

/** One version's file (operators and admins); immutable once written. */
export function useStackVersion(name: string, n: number | null) {
  return useQuery({
    queryKey: stackKeys.version(name, n ?? 0),
    queryFn: () =>
      api<StackVersionDto>(`/api/stacks/${encodeURIComponent(name)}/versions/${n ?? 0}`),
    enabled: n !== null && n > 0,
    staleTime: Infinity,
  });
}
