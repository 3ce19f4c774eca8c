import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import type { UserDto } from '../../../lib/dto/user.js';
import type { Role } from '../../../lib/roles.js';
import { userKeys } from './query-keys.js';
import { upsertUser } from '../user-view-model.js';

export function useUpdateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, ...body }: { id: string; role?: Role; disabled?: boolean }) =>
      (
        await api<{ user: UserDto }>(`/api/users/${encodeURIComponent(id)}`, {
          method: 'PATCH',
          body,
        })
      ).user,
    onSuccess: (user) =>
      qc.setQueryData<UserDto[]>(userKeys.list(), (l) => (l ? upsertUser(l, user) : l)),
  });
}
