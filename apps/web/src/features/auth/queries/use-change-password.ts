import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';

export function useChangePassword() {
  return useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) =>
      api<{ ok: true }>('/api/auth/password', { method: 'POST', body }),
  });
}
