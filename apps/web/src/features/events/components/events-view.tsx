'use client';

import Link from 'next/link';
import { EmptyState, PageHeader, tdClass } from '../../../components/ui/ui.js';
import { DataTable, ListPage } from '../../../components/ui/list-page.js';
import { usePagedFilter } from '../../../lib/use-paged-filter.js';
import { pagesOf } from '../../../lib/paging.js';
import type { AuditEventDto } from '../../../lib/dto/audit.js';
import { useHosts } from '../../hosts/queries/use-hosts.js';
import { containerHref } from '../../containers/container-view-model.js';
import { emptyEventsFilter, parseTarget, type EventsFilterState } from '../events-filter.js';
import { useEvents } from '../queries/use-events.js';
import { EventsFilters } from './events-filters.js';

function detailText(detail: string | null): string {
  if (!detail) return '';
  try {
    const d = JSON.parse(detail) as Record<string, unknown>;
    return Object.entries(d)
      .filter(([k]) => k !== 'at')
      .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
      .join(' ');
  } catch {
    return detail;
  }
}

function EventRow({ e, hostNames }: { e: AuditEventDto; hostNames: ReadonlyMap<string, string> }) {
  const t = parseTarget(e.target);
  return (
    <tr data-testid="event-row">
      <td className={`${tdClass} whitespace-nowrap`}>{new Date(e.at).toLocaleString()}</td>
      <td className={tdClass}>{e.actorName}</td>
      <td className={`${tdClass} font-mono text-xs`}>{e.action}</td>
      <td className={`${tdClass} font-mono text-xs`}>
        {t ? (
          <Link
            className="text-sky-700 hover:underline dark:text-sky-400"
            href={containerHref(t.hostId, t.engineId)}
          >
            {hostNames.get(t.hostId) ?? t.hostId}/{t.engineId.slice(0, 12)}
          </Link>
        ) : (
          e.target
        )}
      </td>
      <td
        className={`${tdClass} ${e.outcome === 'success' ? '' : 'text-red-600 dark:text-red-400'}`}
      >
        {e.outcome}
      </td>
      <td className={`${tdClass} max-w-xs truncate text-xs`} title={detailText(e.detail)}>
        {detailText(e.detail)}
      </td>
    </tr>
  );
}

/** Container events (from agents) and, for admins, every audited action, filterable. */
export function EventsView({ canReadAudit }: { canReadAudit: boolean }) {
  const { filter, set } = usePagedFilter<EventsFilterState>(() => ({
    ...emptyEventsFilter,
    kind: canReadAudit ? 'all' : 'container',
  }));
  const events = useEvents(filter);
  const hosts = useHosts();
  const hostNames = new Map((hosts.data ?? []).map((h) => [h.id, h.name]));
  return (
    <ListPage
      header={<PageHeader title="Events" />}
      filterColumns="sm:grid-cols-5"
      filters={
        <EventsFilters
          filter={filter}
          onChange={set}
          hosts={hosts.data ?? []}
          canReadAudit={canReadAudit}
        />
      }
      error={events.error}
      empty={
        events.data && events.data.events.length === 0 ? (
          <EmptyState title="No events match">
            Container events appear here as agents report them.
          </EmptyState>
        ) : null
      }
      pager={{ page: filter.page, pages: pagesOf(events.data), onPage: (page) => set({ page }) }}
    >
      <DataTable headers={['Time', 'Actor', 'Action', 'Target', 'Outcome', 'Detail']}>
        {(events.data?.events ?? []).map((e) => (
          <EventRow key={e.id} e={e} hostNames={hostNames} />
        ))}
      </DataTable>
    </ListPage>
  );
}
