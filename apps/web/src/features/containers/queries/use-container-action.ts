import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import type { ContainerDto } from '../../../lib/dto/container.js';
import type { ContainerAction } from '../../../lib/container-api-schemas.js';
import { useToast } from '../../../app/_components/toaster.js';
import { optimisticState } from '../container-view-model.js';
import { applyContainersChange } from './apply-change.js';
import { containerKeys } from './query-keys.js';

export type RowAction = ContainerAction | 'remove';

export interface ActionVars {
  container: Pick<ContainerDto, 'id' | 'hostId' | 'engineId' | 'name'>;
  action: RowAction;
  force?: boolean;
}

function path(c: ActionVars['container']) {
  return `/api/hosts/${encodeURIComponent(c.hostId)}/containers/${encodeURIComponent(c.engineId)}`;
}

/**
 * One click → the action, with the row shown in its expected state at once; on failure the row
 * goes back and a toast says what the agent answered.
 */
export function useContainerAction() {
  const qc = useQueryClient();
  const toast = useToast();
  return useMutation({
    mutationFn: async ({ container, action, force }: ActionVars) => {
      if (action === 'remove') {
        await api(`${path(container)}${force ? '?force=true' : ''}`, { method: 'DELETE' });
        return null;
      }
      return (
        await api<{ container: ContainerDto }>(`${path(container)}/${action}`, {
          method: 'POST',
          body: {},
        })
      ).container;
    },
    onMutate: async ({ container, action }) => {
      await qc.cancelQueries({ queryKey: containerKeys.list() });
      const before = qc.getQueryData<ContainerDto[]>(containerKeys.list());
      const row = before?.find((c) => c.id === container.id);
      if (row) {
        const optimistic = { ...row, state: optimisticState(action, row.state) };
        qc.setQueryData<ContainerDto[]>(containerKeys.list(), (list) =>
          list ? applyContainersChange(list, { upserted: [optimistic], removed: [] }) : list,
        );
      }
      return { row };
    },
    onError: (err, { container, action }, context) => {
      if (context?.row) {
        const row = context.row;
        qc.setQueryData<ContainerDto[]>(containerKeys.list(), (list) =>
          list ? applyContainersChange(list, { upserted: [row], removed: [] }) : list,
        );
      }
      toast(
        'error',
        `${action} ${container.name}: ${err instanceof Error ? err.message : String(err)}`,
      );
    },
    onSuccess: (updated, { container }) => {
      qc.setQueryData<ContainerDto[]>(containerKeys.list(), (list) =>
        list
          ? applyContainersChange(
              list,
              updated
                ? { upserted: [updated], removed: [] }
                : { upserted: [], removed: [container.id] },
            )
          : list,
      );
    },
  });
}
