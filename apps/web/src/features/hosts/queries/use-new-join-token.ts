import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import type { CreateHostResultDto } from '../../../lib/dto/host.js';

export function useNewJoinToken(id: string) {
  return useMutation({
    mutationFn: () =>
      api<CreateHostResultDto>(`/api/hosts/${encodeURIComponent(id)}/join-token`, {
        method: 'POST',
      }),
  });
}
