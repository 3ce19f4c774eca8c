import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import type { CreateHostResultDto } from '../../../lib/dto/host.js';
import { applyHost } from './merge-host.js';

export function useCreateHost() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (name: string) =>
      api<CreateHostResultDto>('/api/hosts', { method: 'POST', body: { name } }),
    onSuccess: (res) => applyHost(qc, res.host),
  });
}
