'use client';

import Link from 'next/link';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { containerStates } from '@berth/protocol';
import {
  Button,
  EmptyState,
  ErrorText,
  PageHeader,
  inputClass,
} from '../../../components/ui/ui.js';
import { HostSelect } from '../../hosts/components/host-select.js';
import { useHosts } from '../../hosts/queries/use-hosts.js';
import { useHostEvents } from '../../hosts/queries/use-host-events.js';
import { useStatsSummaryWhen } from '../../stats/queries/use-summary.js';
import { useNow } from '../../../lib/use-now.js';
import { useContainers } from '../queries/use-containers.js';
import { useContainerEvents } from '../queries/use-container-events.js';
import { useContainerAction, type RowAction } from '../queries/use-container-action.js';
import {
  createViewModelCache,
  type ContainerViewModel,
  type HostLink,
} from '../container-view-model.js';
import {
  emptyContainerFilter,
  filterContainers,
  sortContainers,
  type ContainerFilter,
  type ContainerSort,
  type SortKey,
} from '../list-filter.js';
import { ConfirmAction, isDestructive, type PendingConfirm } from './confirm-action.js';
import { ContainersTable } from './containers-table.js';
import { BulkReportPanel } from './bulk-report.js';
import { runAll, type BulkReport } from '../bulk-run.js';

/**
 * Every container of every host, or of one host (`hostId`): filters, sort, bulk actions. Live
 * stats are read per row (see `ContainerRow`); the list itself follows them only while sorted
 * by CPU or memory. `now` (ms) is the server's clock when the page was rendered there.
 */
export function ContainersListView({
  canOperate,
  hostId,
  now: serverNow,
}: {
  canOperate: boolean;
  hostId?: string;
  now?: number;
}) {
  const containers = useContainers();
  const hosts = useHosts();
  useContainerEvents();
  useHostEvents();
  const now = useNow(15_000, serverNow);
  const action = useContainerAction();
  const [filter, setFilter] = useState<ContainerFilter>({
    ...emptyContainerFilter,
    host: hostId ?? '',
  });
  // The list is server-rendered, so the filter fields exist before React hydrates: text typed
  // into them meanwhile is in the DOM but not in state; take it over once hydrated.
  const nameRef = useRef<HTMLInputElement>(null);
  const imageRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const name = nameRef.current?.value ?? '';
    const image = imageRef.current?.value ?? '';
    if (name || image) setFilter((f) => ({ ...f, name: name || f.name, image: image || f.image }));
  }, []);
  const [sort, setSort] = useState<ContainerSort>({ key: 'name', dir: 'asc' });
  const live = useStatsSummaryWhen(sort.key === 'cpu' || sort.key === 'memory');
  const [toViewModel] = useState(createViewModelCache);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [pending, setPending] = useState<PendingConfirm | null>(null);
  const [report, setReport] = useState<BulkReport | null>(null);

  const hostInfo = useMemo(
    () =>
      new Map<string, HostLink>(
        (hosts.data ?? []).map((h) => [
          h.id,
          { name: h.name, status: h.status, lastSeenAt: h.lastSeenAt },
        ]),
      ),
    [hosts.data],
  );
  const rows: ContainerViewModel[] = useMemo(() => {
    const names = new Map([...hostInfo].map(([id, h]) => [id, h.name]));
    const list = sortContainers(filterContainers(containers.data ?? [], filter), sort, names, live);
    return list.map((c) => toViewModel(c, hostInfo.get(c.hostId), now));
  }, [containers.data, filter, sort, hostInfo, live, now, toViewModel]);
  // Only rows that can be acted on count: a host that went offline drops out of the selection.
  const selectableRows = rows.filter((r) => r.selectable);
  const selectedRows = selectableRows.filter((r) => selected.has(r.id));
  const scopeTotal = (containers.data ?? []).filter((c) => !hostId || c.hostId === hostId).length;

  const { mutate, mutateAsync } = action;
  const toVars = (vm: ContainerViewModel) => ({
    id: vm.id,
    hostId: vm.hostId,
    engineId: vm.engineId,
    name: vm.name,
  });
  const confirmThen = useCallback(
    (targets: ContainerViewModel[], a: RowAction, run: (force: boolean) => void) => {
      if (targets.length === 0) return;
      if (isDestructive(a)) setPending({ action: a, names: targets.map((t) => t.name), run });
      else run(false);
    },
    [],
  );
  // One row: a toast if it fails. Several: one report naming every failure.
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
  const set = (patch: Partial<ContainerFilter>) => setFilter((f) => ({ ...f, ...patch }));
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
  const allSelected = selectableRows.length > 0 && selectedRows.length === selectableRows.length;
  const newHref = `/containers/new${filter.host ? `?host=${encodeURIComponent(filter.host)}` : ''}`;

  return (
    <>
      {hostId ? (
        <div className="mb-3 flex items-center justify-between">
          <h2 className="font-medium">Containers</h2>
          {canOperate ? (
            <Link href={newHref} className="text-sm text-sky-700 hover:underline dark:text-sky-400">
              Create container
            </Link>
          ) : null}
        </div>
      ) : (
        <PageHeader
          title="Containers"
          actions={
            canOperate ? (
              <Link
                href={newHref}
                className="rounded-md bg-sky-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-700"
              >
                Create container
              </Link>
            ) : null
          }
        />
      )}
      <div className="mb-3 grid gap-2 sm:grid-cols-2 lg:grid-cols-4">
        <input
          ref={nameRef}
          aria-label="Filter by name"
          data-shortcut="search"
          placeholder="Name or ID  ( / )"
          className={inputClass}
          value={filter.name}
          onChange={(e) => set({ name: e.target.value })}
        />
        <input
          ref={imageRef}
          aria-label="Filter by image"
          placeholder="Image"
          className={inputClass}
          value={filter.image}
          onChange={(e) => set({ image: e.target.value })}
        />
        {hostId ? null : (
          <HostSelect
            label="Filter by host"
            value={filter.host}
            hosts={hosts.data ?? []}
            onChange={(host) => set({ host })}
          />
        )}
        <select
          aria-label="Filter by state"
          className={inputClass}
          value={filter.state}
          onChange={(e) => set({ state: e.target.value as ContainerFilter['state'] })}
        >
          <option value="">Any state</option>
          {containerStates.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </div>
      {canOperate && selectedRows.length > 0 ? (
        <div
          className="mb-3 flex flex-wrap items-center gap-2 rounded-md bg-sky-50 px-3 py-2 text-sm dark:bg-sky-950/40"
          role="toolbar"
          aria-label="Bulk actions"
        >
          <span>{selectedRows.length} selected</span>
          {(['start', 'stop', 'restart', 'remove'] as const).map((a) => (
            <Button
              key={a}
              variant={a === 'remove' || a === 'stop' ? 'danger' : 'secondary'}
              onClick={() => bulk(selectedRows, a)}
            >
              {a[0]!.toUpperCase() + a.slice(1)} selected
            </Button>
          ))}
          <Button variant="secondary" onClick={() => setSelected(new Set())}>
            Clear
          </Button>
        </div>
      ) : null}
      {report ? <BulkReportPanel report={report} onDismiss={() => setReport(null)} /> : null}
      <ErrorText error={containers.error} />
      {containers.isPending ? (
        <p className="text-sm text-slate-500">Loading…</p>
      ) : (containers.data ?? []).filter((c) => !hostId || c.hostId === hostId).length === 0 ? (
        <EmptyState title="No containers yet — create one">
          {canOperate ? (
            <Link href={newHref} className="text-sky-700 hover:underline dark:text-sky-400">
              Create a container
            </Link>
          ) : (
            'An operator can create one.'
          )}
        </EmptyState>
      ) : rows.length === 0 ? (
        <EmptyState title="No containers match these filters" />
      ) : (
        <ContainersTable
          rows={rows}
          selected={selected}
          canOperate={canOperate}
          sort={sort}
          allSelected={allSelected}
          onSort={(key: SortKey) =>
            setSort((s) => ({ key, dir: s.key === key && s.dir === 'asc' ? 'desc' : 'asc' }))
          }
          onToggle={toggle}
          onToggleAll={() =>
            setSelected(allSelected ? new Set() : new Set(selectableRows.map((r) => r.id)))
          }
          onAction={onRowAction}
          height={hostId ? 'min(50vh, 600px)' : undefined}
        />
      )}
      <p className="mt-2 text-xs text-slate-500" data-testid="containers-count">
        {rows.length === scopeTotal ? `${scopeTotal}` : `${rows.length} shown of ${scopeTotal}`}{' '}
        {scopeTotal === 1 ? 'container' : 'containers'}
      </p>
      <ConfirmAction pending={pending} onClose={() => setPending(null)} />
    </>
  );
}
