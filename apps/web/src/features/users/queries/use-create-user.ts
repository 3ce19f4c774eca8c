import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import type { UserDto } from '../../../lib/dto/user.js';
import type { Role } from '../../../lib/roles.js';
import { userKeys } from './query-keys.js';
import { upsertUser } from '../user-view-model.js';

export function useCreateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: { username: string; password: string; role: Role }) =>
      (await api<{ user: UserDto }>('/api/users', { method: 'POST', body })).user,
    onSuccess: (user) =>
      qc.setQueryData<UserDto[]>(userKeys.list(), (l) => (l ? upsertUser(l, user) : l)),
  });
}
