import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateContainerRequest } from '@berth/protocol';
import { api } from '../../../lib/api-client.js';
import type { ContainerDto } from '../../../lib/dto/container.js';
import { applyContainersChange } from './apply-change.js';
import { containerKeys } from './query-keys.js';
import type { CreateResult } from './use-create-container.js';

export interface ReplaceResult extends CreateResult {
  /** The web id of the container it replaced (gone now). */
  replaced: string;
}

/** Duplicate/Edit → Replace: the container recreated with the request under its own name. */
export function useReplaceContainer() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (vars: {
      hostId: string;
      ref: string;
      request: CreateContainerRequest;
      start: boolean;
    }) => {
      const res = await api<Omit<ReplaceResult, 'started'>>(
        `/api/hosts/${encodeURIComponent(vars.hostId)}/containers/${encodeURIComponent(vars.ref)}?start=${vars.start}`,
        { method: 'PUT', body: vars.request },
      );
      return { ...res, started: vars.start, replaced: `${vars.hostId}:${res.replaced}` };
    },
    onSuccess: (res) => {
      const created = res.container;
      qc.setQueryData<ContainerDto[]>(containerKeys.list(), (list) =>
        list
          ? applyContainersChange(list, {
              upserted: created ? [created] : [],
              removed: [res.replaced],
            })
          : list,
      );
    },
  });
}
