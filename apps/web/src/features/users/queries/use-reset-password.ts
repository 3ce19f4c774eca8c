import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';

export function useResetPassword() {
  return useMutation({
    mutationFn: ({ id, password }: { id: string; password: string }) =>
      api<{ ok: true }>(`/api/users/${encodeURIComponent(id)}/password`, {
        method: 'POST',
        body: { password },
      }),
  });
}
