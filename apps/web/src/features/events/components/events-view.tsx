'use client';

import Link from 'next/link';
import { useState } from 'react';
import {
  Pager,
  EmptyState,
  ErrorText,
  PageHeader,
  inputClass,
  tableClass,
  tdClass,
  thClass,
} from '../../../components/ui/ui.js';
import { HostSelect } from '../../hosts/components/host-select.js';
import { useHosts } from '../../hosts/queries/use-hosts.js';
import { containerHref } from '../../containers/container-view-model.js';
import { emptyEventsFilter, parseTarget, type EventsFilterState } from '../events-filter.js';
import { useEvents } from '../queries/use-events.js';

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

/** Container events (from agents) and, for admins, every audited action, filterable. */
export function EventsView({ canReadAudit }: { canReadAudit: boolean }) {
  const [filter, setFilter] = useState<EventsFilterState>({
    ...emptyEventsFilter,
    kind: canReadAudit ? 'all' : 'container',
  });
  const events = useEvents(filter);
  const hosts = useHosts();
  const set = (patch: Partial<EventsFilterState>) =>
    setFilter((f) => ({ ...f, ...patch, page: patch.page ?? 1 }));
  const pages = events.data ? Math.max(1, Math.ceil(events.data.total / events.data.pageSize)) : 1;
  const names = new Map((hosts.data ?? []).map((h) => [h.id, h.name]));
  return (
    <>
      <PageHeader title="Events" />
      <div className="mb-4 grid gap-3 sm:grid-cols-5">
        {canReadAudit ? (
          <select
            aria-label="Kind"
            className={inputClass}
            value={filter.kind}
            onChange={(e) => set({ kind: e.target.value as EventsFilterState['kind'] })}
          >
            <option value="all">All events</option>
            <option value="container">Container events</option>
            <option value="audit">User actions</option>
          </select>
        ) : null}
        <HostSelect
          label="Host"
          value={filter.host}
          hosts={hosts.data ?? []}
          onChange={(host) => set({ host })}
        />
        <input
          aria-label="Action"
          placeholder="Action, e.g. container.die"
          className={inputClass}
          value={filter.action}
          onChange={(e) => set({ action: e.target.value })}
        />
        <input
          aria-label="Actor"
          placeholder="Actor"
          className={inputClass}
          value={filter.actor}
          onChange={(e) => set({ actor: e.target.value })}
        />
        <select
          aria-label="Outcome"
          className={inputClass}
          value={filter.outcome}
          onChange={(e) => set({ outcome: e.target.value as EventsFilterState['outcome'] })}
        >
          <option value="">Any outcome</option>
          <option value="success">success</option>
          <option value="failure">failure</option>
          <option value="denied">denied</option>
        </select>
      </div>
      <ErrorText error={events.error} />
      {events.data && events.data.events.length === 0 ? (
        <EmptyState title="No events match">
          Container events appear here as agents report them.
        </EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
          <table className={tableClass}>
            <thead>
              <tr>
                {['Time', 'Actor', 'Action', 'Target', 'Outcome', 'Detail'].map((h) => (
                  <th key={h} scope="col" className={thClass}>
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {(events.data?.events ?? []).map((e) => {
                const t = parseTarget(e.target);
                return (
                  <tr key={e.id} data-testid="event-row">
                    <td className={`${tdClass} whitespace-nowrap`}>
                      {new Date(e.at).toLocaleString()}
                    </td>
                    <td className={tdClass}>{e.actorName}</td>
                    <td className={`${tdClass} font-mono text-xs`}>{e.action}</td>
                    <td className={`${tdClass} font-mono text-xs`}>
                      {t ? (
                        <Link
                          className="text-sky-700 hover:underline dark:text-sky-400"
                          href={containerHref(t.hostId, t.engineId)}
                        >
                          {names.get(t.hostId) ?? t.hostId}/{t.engineId.slice(0, 12)}
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
                    <td
                      className={`${tdClass} max-w-xs truncate text-xs`}
                      title={detailText(e.detail)}
                    >
                      {detailText(e.detail)}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={filter.page} pages={pages} onPage={(page) => set({ page })} />
    </>
  );
}
