import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateContainerRequest } from '@berth/protocol';
import { api } from '../../../lib/api-client.js';
import type { ContainerDto } from '../../../lib/dto/container.js';
import { applyContainersChange } from './apply-change.js';
import { containerKeys } from './query-keys.js';

export interface CreateResult {
  id: string;
  name: string;
  warnings: string[];
  container: ContainerDto | null;
  started: boolean;
}

export function useCreateContainer() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({
      hostId,
      request,
      start,
    }: {
      hostId: string;
      request: CreateContainerRequest;
      start: boolean;
    }) =>
      api<CreateResult>(`/api/hosts/${encodeURIComponent(hostId)}/containers?start=${start}`, {
        method: 'POST',
        body: request,
      }),
    onSuccess: (res) => {
      const created = res.container;
      if (created) {
        qc.setQueryData<ContainerDto[]>(containerKeys.list(), (list) =>
          list ? applyContainersChange(list, { upserted: [created], removed: [] }) : list,
        );
      }
    },
  });
}
