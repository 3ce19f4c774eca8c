'use client';

import Link from 'next/link';
import { useMemo, useState } from 'react';
import { EmptyState, PageHeader } from '../../../components/ui/ui.js';
import { ListPage } from '../../../components/ui/list-page.js';
import { useHosts } from '../../hosts/queries/use-hosts.js';
import { useHostEvents } from '../../hosts/queries/use-host-events.js';
import { useStatsSummaryWhen } from '../../stats/queries/use-summary.js';
import { useNow } from '../../../lib/use-now.js';
import { useContainers } from '../queries/use-containers.js';
import { useContainerEvents } from '../queries/use-container-events.js';
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
import { ConfirmAction } from './confirm-action.js';
import { ContainersTable } from './containers-table.js';
import { BulkReportPanel } from './bulk-report.js';
import { useListActions } from '../use-list-actions.js';
import { ContainerFilters } from './container-filters.js';
import { BulkToolbar } from './bulk-toolbar.js';

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
  const [filter, setFilter] = useState<ContainerFilter>({
    ...emptyContainerFilter,
    host: hostId ?? '',
  });
  const [sort, setSort] = useState<ContainerSort>({ key: 'name', dir: 'asc' });
  const live = useStatsSummaryWhen(sort.key === 'cpu' || sort.key === 'memory');
  const [toViewModel] = useState(createViewModelCache);
  const actions = useListActions();
  const { selected, setSelected } = actions;

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
  const allSelected = selectableRows.length > 0 && selectedRows.length === selectableRows.length;
  const newHref = `/containers/new${filter.host ? `?host=${encodeURIComponent(filter.host)}` : ''}`;

  return (
    <ListPage
      header={<ListHeader hostId={hostId} canOperate={canOperate} newHref={newHref} />}
      filterColumns="sm:grid-cols-2 lg:grid-cols-4"
      filters={
        <ContainerFilters
          filter={filter}
          onChange={(patch) => setFilter((f) => ({ ...f, ...patch }))}
          hosts={hosts.data ?? []}
          showHost={!hostId}
        />
      }
      toolbar={
        <>
          {canOperate && selectedRows.length > 0 ? (
            <BulkToolbar
              count={selectedRows.length}
              onAction={(a) => actions.bulk(selectedRows, a)}
              onClear={() => setSelected(new Set())}
            />
          ) : null}
          {actions.report ? (
            <BulkReportPanel report={actions.report} onDismiss={actions.dismissReport} />
          ) : null}
        </>
      }
      error={containers.error}
      loading={containers.isPending}
      empty={
        scopeTotal === 0 ? (
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
        ) : null
      }
      footer={
        <>
          <p className="mt-2 text-xs text-slate-500" data-testid="containers-count">
            {rows.length === scopeTotal ? `${scopeTotal}` : `${rows.length} shown of ${scopeTotal}`}{' '}
            {scopeTotal === 1 ? 'container' : 'containers'}
          </p>
          <ConfirmAction pending={actions.pending} onClose={actions.closeConfirm} />
        </>
      }
    >
      <ContainersTable
        rows={rows}
        selected={selected}
        canOperate={canOperate}
        sort={sort}
        allSelected={allSelected}
        onSort={(key: SortKey) =>
          setSort((s) => ({ key, dir: s.key === key && s.dir === 'asc' ? 'desc' : 'asc' }))
        }
        onToggle={actions.toggle}
        onToggleAll={() =>
          setSelected(allSelected ? new Set() : new Set(selectableRows.map((r) => r.id)))
        }
        onAction={actions.onRowAction}
        height={hostId ? 'min(50vh, 600px)' : undefined}
      />
    </ListPage>
  );
}

/** One host's list: a small heading; all hosts': the page header. Both link to Create. */
function ListHeader({
  hostId,
  canOperate,
  newHref,
}: {
  hostId?: string;
  canOperate: boolean;
  newHref: string;
}) {
  if (hostId)
    return (
      <div className="mb-3 flex items-center justify-between">
        <h2 className="font-medium">Containers</h2>
        {canOperate ? (
          <Link href={newHref} className="text-sm text-sky-700 hover:underline dark:text-sky-400">
            Create container
          </Link>
        ) : null}
      </div>
    );
  return (
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
  );
}
