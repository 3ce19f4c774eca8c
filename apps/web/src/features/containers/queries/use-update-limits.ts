import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { UpdateContainerRequest } from '@berth/protocol';
import { api } from '../../../lib/api-client.js';
import type { ContainerDto } from '../../../lib/dto/container.js';
import { applyContainersChange } from './apply-change.js';
import { containerKeys } from './query-keys.js';

export function useUpdateLimits(hostId: string, engineId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (update: UpdateContainerRequest) =>
      (
        await api<{ container: ContainerDto }>(
          `/api/hosts/${encodeURIComponent(hostId)}/containers/${encodeURIComponent(engineId)}`,
          { method: 'PATCH', body: update },
        )
      ).container,
    onSuccess: (container) => {
      qc.setQueryData<ContainerDto[]>(containerKeys.list(), (list) =>
        list ? applyContainersChange(list, { upserted: [container], removed: [] }) : list,
      );
      void qc.invalidateQueries({ queryKey: containerKeys.inspect(hostId, engineId) });
    },
  });
}
