'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import { useToast } from '../../../components/ui/toaster.js';
import type { StackDeployResponseDto, StackOperationDto } from '../../../lib/dto/stack.js';
import type { CreateStackBody, UpdateStackBody } from '../../../lib/stack-api-schemas.js';
import { stackKeys } from './query-keys.js';

export type StackMutation =
  | { kind: 'create'; body: CreateStackBody }
  | { kind: 'update'; name: string; body: UpdateStackBody }
  | { kind: 'deploy'; name: string; hostIds: string[]; version?: number }
  | { kind: 'rollback'; name: string; version: number }
  | { kind: 'act'; name: string; hostId: string; action: 'start' | 'stop' | 'restart' }
  | { kind: 'remove-host'; name: string; hostId: string; volumes: boolean }
  | { kind: 'remove'; name: string; volumes: boolean };

const base = (name: string) => `/api/stacks/${encodeURIComponent(name)}`;

function call(m: StackMutation): Promise<StackDeployResponseDto | unknown> {
  switch (m.kind) {
    case 'create':
      return api<StackDeployResponseDto>('/api/stacks', { method: 'POST', body: m.body });
    case 'update':
      return api<StackDeployResponseDto>(base(m.name), { method: 'PUT', body: m.body });
    case 'deploy':
      return api<StackDeployResponseDto>(`${base(m.name)}/deploy`, {
        method: 'POST',
        body: { hostIds: m.hostIds, ...(m.version ? { version: m.version } : {}) },
      });
    case 'rollback':
      return api<StackDeployResponseDto>(`${base(m.name)}/rollback`, {
        method: 'POST',
        body: { version: m.version },
      });
    case 'act':
      return api(`${base(m.name)}/hosts/${encodeURIComponent(m.hostId)}/${m.action}`, {
        method: 'POST',
      });
    case 'remove-host':
      return api(`${base(m.name)}/hosts/${encodeURIComponent(m.hostId)}?volumes=${m.volumes}`, {
        method: 'DELETE',
      });
    case 'remove':
      return api(`${base(m.name)}?volumes=${m.volumes}`, { method: 'DELETE' });
  }
}

/**
 * Every stack change. Deploys answer once each host has vetted the file and its deploy has
 * started (progress follows on the socket); refusals (403 naming the elevated options, a host's
 * policy) and compose errors come back as the error.
 */
export function useStackMutation(opts: { toastErrors?: boolean } = {}) {
  const qc = useQueryClient();
  const toast = useToast();
  return useMutation({
    mutationFn: call,
    onError: (err) => {
      if (opts.toastErrors !== false)
        toast('error', err instanceof Error ? err.message : String(err));
    },
    onSettled: () => qc.invalidateQueries({ queryKey: stackKeys.all }),
  });
}

/** Pure: the operations a deploy, update or rollback answered with ([] for anything else). */
export function operationsOf(res: unknown): StackOperationDto[] {
  if (res === null || typeof res !== 'object' || !('operations' in res)) return [];
  const ops = (res as StackDeployResponseDto).operations;
  return Array.isArray(ops) ? ops : [];
}
