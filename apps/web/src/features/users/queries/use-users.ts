import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import type { UserDto } from '../../../lib/dto/user.js';
import { userKeys } from './query-keys.js';

export function useUsers() {
  return useQuery({
    queryKey: userKeys.list(),
    queryFn: async () => (await api<{ users: UserDto[] }>('/api/users')).users,
  });
}
