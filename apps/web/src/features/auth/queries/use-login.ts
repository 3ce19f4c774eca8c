import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import type { MeDto } from '../../../lib/dto/user.js';

export function useLogin() {
  return useMutation({
    mutationFn: (body: { username: string; password: string }) =>
      api<MeDto>('/api/auth/login', { method: 'POST', body }),
  });
}
