import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import type { ContainerDto } from '../../../lib/dto/container.js';
import type { ContainerAction } from '../../../lib/container-api-schemas.js';
import { useToast } from '../../../components/ui/toaster.js';
import { couldNot, errorParts } from '../../../lib/error-words.js';
import { transitionOf } from '../../../lib/dto/container.js';
import { applyContainersChange } from './apply-change.js';
import { containerKeys } from './query-keys.js';

export type RowAction = ContainerAction | 'remove';

export interface ActionVars {
  container: Pick<ContainerDto, 'id' | 'hostId' | 'engineId' | 'name'>;
  action: RowAction;
  force?: boolean;
  /** A bulk action reports failures itself, all at once: no toast per item. */
  quiet?: boolean;
}

function path(c: ActionVars['container']) {
  return `/api/hosts/${encodeURIComponent(c.hostId)}/containers/${encodeURIComponent(c.engineId)}`;
}

/**
 * One click → the action, with the row shown in transition at once ("stopping…", its state
 * unchanged: only the agent's answer changes it); on failure the transition ends and a toast
 * says what the agent answered.
 */
export function useContainerAction() {
  const qc = useQueryClient();
  const toast = useToast();
  // Only the transition changes here; the state stays what the last push or answer said.
  const setTransition = (id: string, transition: ContainerDto['transition']) =>
    qc.setQueryData<ContainerDto[]>(containerKeys.list(), (list) => {
      const row = list?.find((c) => c.id === id);
      return list && row
        ? applyContainersChange(list, { upserted: [{ ...row, transition }], removed: [] })
        : list;
    });
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
      if (row) setTransition(row.id, transitionOf(action));
      return { row };
    },
    onError: (err, { container, action, quiet }) => {
      setTransition(container.id, null);
      if (quiet) return;
      const { message, detail } = errorParts(err);
      toast('error', `${couldNot(action, container.name)}: ${message}`, detail);
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
