'use client';

import { useCallback, useState } from 'react';
import { useContainerAction, type RowAction } from './queries/use-container-action.js';
import type { ContainerViewModel } from './container-view-model.js';
import { isDestructive, type PendingConfirm } from './components/confirm-action.js';
import { runAll, type BulkReport } from './bulk-run.js';

const toVars = (vm: ContainerViewModel) => ({
  id: vm.id,
  hostId: vm.hostId,
  engineId: vm.engineId,
  name: vm.name,
});

/**
 * What the containers list does, apart from how it looks: the selection, row and bulk actions
 * (destructive ones asked first), and the report of the last bulk run. One row: a toast if it
 * fails. Several: one report naming every failure.
 */
export function useListActions() {
  const { mutate, mutateAsync } = useContainerAction();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [pending, setPending] = useState<PendingConfirm | null>(null);
  const [report, setReport] = useState<BulkReport | null>(null);

  const confirmThen = useCallback(
    (targets: ContainerViewModel[], a: RowAction, run: (force: boolean) => void) => {
      if (targets.length === 0) return;
      if (isDestructive(a)) setPending({ action: a, names: targets.map((t) => t.name), run });
      else run(false);
    },
    [],
  );
  const onRowAction = useCallback(
    (vm: ContainerViewModel, a: RowAction) =>
      confirmThen([vm], a, (force) => mutate({ container: toVars(vm), action: a, force })),
    [confirmThen, mutate],
  );
  const bulk = (targets: ContainerViewModel[], a: RowAction) =>
    confirmThen(targets, a, (force) => {
      setSelected(new Set());
      setReport(null);
      void runAll(a, targets, (vm) =>
        mutateAsync({ container: toVars(vm), action: a, force, quiet: true }),
      ).then(setReport);
    });
  const toggle = useCallback(
    (vm: ContainerViewModel) =>
      setSelected((s) => {
        const next = new Set(s);
        if (next.has(vm.id)) next.delete(vm.id);
        else next.add(vm.id);
        return next;
      }),
    [],
  );
  return {
    selected,
    setSelected,
    toggle,
    onRowAction,
    bulk,
    pending,
    closeConfirm: () => setPending(null),
    report,
    dismissReport: () => setReport(null),
  };
}
