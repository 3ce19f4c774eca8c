'use client';

import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import type { StackDetailDto } from '../../../lib/dto/stack.js';
import { stackKeys } from './query-keys.js';
import { useStackEvents } from './use-stack-events.js';

export function useStack(name: string) {
  useStackEvents();
  return useQuery({
    queryKey: stackKeys.detail(name),
    queryFn: () => api<StackDetailDto>(`/api/stacks/${encodeURIComponent(name)}`),
  });
}
