import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import type { UserDto } from '../../../lib/dto/user.js';
import { userKeys } from './query-keys.js';

export function useDeleteUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api<void>(`/api/users/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: (_v, id) =>
      qc.setQueryData<UserDto[]>(userKeys.list(), (l) => l?.filter((u) => u.id !== id)),
  });
}
