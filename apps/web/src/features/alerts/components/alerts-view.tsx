'use client';

import Link from 'next/link';
import { useState } from 'react';
import {
  ErrorText,
  PageHeader,
  Pager,
  tableClass,
  tdClass,
  thClass,
} from '../../../components/ui/ui.js';
import { useAlerts } from '../queries/use-alerts.js';
import { useNow } from '../../../lib/use-now.js';
import { toAlertViewModel } from '../alert-view-model.js';

const badge = {
  firing: 'bg-red-100 text-red-900 dark:bg-red-900/40 dark:text-red-100',
  resolved: 'bg-green-100 text-green-900 dark:bg-green-900/40 dark:text-green-100',
};

/** Alerts: what fires now and the history, with what each notification did. */
export function AlertsView({ canManage, now }: { canManage: boolean; now: number }) {
  const [state, setState] = useState<'' | 'firing' | 'resolved'>('');
  const [page, setPage] = useState(1);
  const alerts = useAlerts(state, page);
  const clock = useNow(5000, now).getTime();
  const rows = (alerts.data?.alerts ?? []).map((a) => toAlertViewModel(a, clock));
  const pages = Math.max(1, Math.ceil((alerts.data?.total ?? 0) / 50));
  return (
    <>
      <PageHeader
        title="Alerts"
        actions={
          canManage ? (
            <Link className="text-sm text-sky-700 underline dark:text-sky-400" href="/alerts/rules">
              Rules, channels and silences
            </Link>
          ) : null
        }
      />
      <div className="mb-4 flex gap-2 text-sm" role="group" aria-label="Show">
        {(['', 'firing', 'resolved'] as const).map((s) => (
          <button
            key={s || 'all'}
            type="button"
            aria-pressed={state === s}
            className={`rounded-md border px-3 py-1 ${state === s ? 'border-sky-600 bg-sky-50 dark:bg-sky-900/30' : 'border-slate-300 dark:border-slate-700'}`}
            onClick={() => {
              setState(s);
              setPage(1);
            }}
          >
            {s || 'all'}
          </button>
        ))}
      </div>
      <ErrorText error={alerts.error} />
      {alerts.isPending ? (
        <p className="text-sm text-slate-500">Loading alerts…</p>
      ) : rows.length === 0 ? (
        <p className="text-sm text-slate-500">No alerts{state ? ` ${state}` : ''}.</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
          <table className={tableClass}>
            <thead>
              <tr>
                {['State', 'Alert', 'Rule', 'Where', 'Started', 'Lasted', 'Notifications'].map(
                  (h) => (
                    <th key={h} scope="col" className={thClass}>
                      {h}
                    </th>
                  ),
                )}
              </tr>
            </thead>
            <tbody>
              {rows.map((a) => (
                <tr key={a.id} data-testid="alert-row">
                  <td className={tdClass}>
                    <span className={`rounded px-2 py-0.5 text-xs ${badge[a.state]}`}>
                      {a.state}
                    </span>
                  </td>
                  <td className={tdClass}>{a.summary}</td>
                  <td className={tdClass}>{a.rule}</td>
                  <td className={tdClass}>{a.where}</td>
                  <td className={tdClass}>{a.started}</td>
                  <td className={tdClass}>{a.lasted}</td>
                  <td className={tdClass}>{a.notified}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pages > 1 ? <Pager page={page} pages={pages} onPage={setPage} /> : null}
    </>
  );
}
