'use client';

import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import type { StackSummaryDto } from '../../../lib/dto/stack.js';
import { stackKeys } from './query-keys.js';
import { useStackEvents } from './use-stack-events.js';

export function useStacks() {
  useStackEvents();
  return useQuery({
    queryKey: stackKeys.list(),
    queryFn: async () => (await api<{ stacks: StackSummaryDto[] }>('/api/stacks')).stacks,
  });
}
