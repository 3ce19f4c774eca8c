import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import type { RegistryCredentialDto } from '../../../lib/dto/registry-credential.js';
import { registryCredentialKeys } from './query-keys.js';

/** The registry credentials the web keeps (admins): never the passwords. */
export function useRegistryCredentials() {
  return useQuery({
    queryKey: registryCredentialKeys.list(),
    queryFn: async () =>
      (await api<{ credentials: RegistryCredentialDto[] }>('/api/registry-credentials'))
        .credentials,
  });
}

/** Stores (or replaces) a registry's credentials. */
export function useStoreCredential() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { registry: string; username: string; password: string }) =>
      api<{ credential: RegistryCredentialDto }>('/api/registry-credentials', {
        method: 'PUT',
        body,
      }),
    onSettled: () => qc.invalidateQueries({ queryKey: registryCredentialKeys.all }),
  });
}

export function useRemoveCredential() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (registry: string) =>
      api<{ removed: boolean }>(
        `/api/registry-credentials?registry=${encodeURIComponent(registry)}`,
        { method: 'DELETE' },
      ),
    onSettled: () => qc.invalidateQueries({ queryKey: registryCredentialKeys.all }),
  });
}
