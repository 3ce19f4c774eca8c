'use client';

import { useMemo } from 'react';
import { EmptyState, PageHeader, tdClass } from '../../../components/ui/ui.js';
import { DataTable, ListPage } from '../../../components/ui/list-page.js';
import { usePagedFilter } from '../../../lib/use-paged-filter.js';
import { pagesOf } from '../../../lib/paging.js';
import type { AuditEventDto } from '../../../lib/dto/audit.js';
import { useAudit } from '../queries/use-audit.js';
import { emptyAuditFilter, targetLabel, type TargetNames } from '../audit-view-model.js';
import { useHosts } from '../../hosts/queries/use-hosts.js';
import { useContainers } from '../../containers/queries/use-containers.js';
import { AuditFilters } from './audit-filters.js';

function AuditRow({ e, names }: { e: AuditEventDto; names: TargetNames }) {
  return (
    <tr title={e.detail ?? undefined}>
      <td className={`${tdClass} whitespace-nowrap`}>{new Date(e.at).toLocaleString()}</td>
      <td className={tdClass}>{e.actorName}</td>
      <td className={`${tdClass} font-mono`}>{e.action}</td>
      <td className={`${tdClass} text-xs`} title={e.target ?? undefined}>
        {targetLabel(e.target, e.detail, names)}
      </td>
      <td className={tdClass}>{e.outcome}</td>
      <td className={tdClass}>{e.ip ?? '—'}</td>
    </tr>
  );
}

export function AuditView() {
  const { filter, set } = usePagedFilter(emptyAuditFilter);
  const audit = useAudit(filter);
  const hosts = useHosts();
  const containers = useContainers();
  const names: TargetNames = useMemo(
    () => ({
      hosts: new Map((hosts.data ?? []).map((h) => [h.id, h.name])),
      containers: new Map((containers.data ?? []).map((c) => [c.id, c.name])),
    }),
    [hosts.data, containers.data],
  );
  return (
    <ListPage
      header={<PageHeader title="Audit log" />}
      filters={<AuditFilters filter={filter} onChange={set} />}
      error={audit.error}
      empty={
        audit.data && audit.data.events.length === 0 ? (
          <EmptyState title="No audit events match" />
        ) : null
      }
      pager={{ page: filter.page, pages: pagesOf(audit.data), onPage: (page) => set({ page }) }}
    >
      <DataTable headers={['Time', 'Actor', 'Action', 'Target', 'Outcome', 'IP']}>
        {(audit.data?.events ?? []).map((e) => (
          <AuditRow key={e.id} e={e} names={names} />
        ))}
      </DataTable>
    </ListPage>
  );
}
