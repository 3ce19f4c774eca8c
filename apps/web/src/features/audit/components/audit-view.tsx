'use client';

import { useMemo, useState } from 'react';
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
import { useAudit } from '../queries/use-audit.js';
import {
  emptyAuditFilter,
  pageCount,
  targetLabel,
  type AuditFilterState,
  type TargetNames,
} from '../audit-view-model.js';
import { useHosts } from '../../hosts/queries/use-hosts.js';
import { useContainers } from '../../containers/queries/use-containers.js';

export function AuditView() {
  const [filter, setFilter] = useState<AuditFilterState>(emptyAuditFilter);
  const audit = useAudit(filter);
  const set = (patch: Partial<AuditFilterState>) =>
    setFilter({ ...filter, ...patch, page: patch.page ?? 1 });
  const pages = audit.data ? pageCount(audit.data.total, audit.data.pageSize) : 1;
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
    <>
      <PageHeader title="Audit log" />
      <div className="mb-4 grid gap-3 sm:grid-cols-3">
        <div>
          <label htmlFor="f-action" className="mb-1 block text-sm font-medium">
            Action
          </label>
          <input
            id="f-action"
            className={inputClass}
            placeholder="e.g. host. or user.login"
            value={filter.action}
            onChange={(e) => set({ action: e.target.value })}
          />
        </div>
        <div>
          <label htmlFor="f-actor" className="mb-1 block text-sm font-medium">
            Actor
          </label>
          <input
            id="f-actor"
            className={inputClass}
            placeholder="username"
            value={filter.actor}
            onChange={(e) => set({ actor: e.target.value })}
          />
        </div>
        <div>
          <label htmlFor="f-outcome" className="mb-1 block text-sm font-medium">
            Outcome
          </label>
          <select
            id="f-outcome"
            className={inputClass}
            value={filter.outcome}
            onChange={(e) => set({ outcome: e.target.value as AuditFilterState['outcome'] })}
          >
            <option value="">any</option>
            <option value="success">success</option>
            <option value="failure">failure</option>
            <option value="denied">denied</option>
          </select>
        </div>
      </div>
      <ErrorText error={audit.error} />
      {audit.data && audit.data.events.length === 0 ? (
        <EmptyState title="No audit events match" />
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
          <table className={tableClass}>
            <thead>
              <tr>
                {['Time', 'Actor', 'Action', 'Target', 'Outcome', 'IP'].map((h) => (
                  <th key={h} scope="col" className={thClass}>
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {(audit.data?.events ?? []).map((e) => (
                <tr key={e.id} title={e.detail ?? undefined}>
                  <td className={`${tdClass} whitespace-nowrap`}>
                    {new Date(e.at).toLocaleString()}
                  </td>
                  <td className={tdClass}>{e.actorName}</td>
                  <td className={`${tdClass} font-mono`}>{e.action}</td>
                  <td className={`${tdClass} text-xs`} title={e.target ?? undefined}>
                    {targetLabel(e.target, e.detail, names)}
                  </td>
                  <td className={tdClass}>{e.outcome}</td>
                  <td className={tdClass}>{e.ip ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={filter.page} pages={pages} onPage={(page) => set({ page })} />
    </>
  );
}
