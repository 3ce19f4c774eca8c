'use client';

import Link from 'next/link';
import { useState } from 'react';
import {
  Button,
  EmptyState,
  ErrorText,
  PageHeader,
  tableClass,
  tdClass,
  thClass,
} from '../../../components/ui/ui.js';
import { useHosts } from '../queries/use-hosts.js';
import { useHostEvents } from '../queries/use-host-events.js';
import { toHostViewModel } from '../host-view-model.js';
import { StatusBadge } from './status-badge.js';
import { AddHostDialog } from './add-host-dialog.js';
import { useNow } from '../../../lib/use-now.js';
import { useAgentBundle } from '../queries/use-agent-bundle.js';
import { AgentVersion } from './agent-version.js';
import { UpgradeAllButton } from './upgrade-all-button.js';

export function HostsListView({
  canCreate,
  canUpgrade = canCreate,
}: {
  canCreate: boolean;
  /** Admins: "Upgrade all" when some agents are behind the served release. */
  canUpgrade?: boolean;
}) {
  const hosts = useHosts();
  const bundle = useAgentBundle();
  useHostEvents();
  const now = useNow(10_000);
  const [adding, setAdding] = useState(false);
  const rows = (hosts.data ?? []).map((h) => toHostViewModel(h, now, bundle.data ?? null));
  const behind = rows.filter((r) => r.upgradeTo !== null).length;

  return (
    <>
      <PageHeader
        title="Hosts"
        actions={
          <div className="flex items-center gap-2">
            {canUpgrade && behind > 0 && bundle.data ? (
              <UpgradeAllButton count={behind} version={bundle.data.version} />
            ) : null}
            {canCreate ? <Button onClick={() => setAdding(true)}>Add host</Button> : null}
          </div>
        }
      />
      <ErrorText error={hosts.error} />
      {hosts.isPending ? (
        <p className="text-sm text-slate-500">Loading hosts…</p>
      ) : rows.length === 0 ? (
        <EmptyState title="No hosts yet">
          {canCreate
            ? 'Add a host, then run the command it shows on that machine.'
            : 'An admin can add hosts.'}
        </EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
          <table className={tableClass}>
            <thead>
              <tr>
                {[
                  'Name',
                  'Status',
                  'Host',
                  'OS / kernel',
                  'cgroup',
                  'CPUs',
                  'Memory',
                  'runc / conmon',
                  'Agent',
                  'Last seen',
                ].map((h) => (
                  <th key={h} scope="col" className={thClass}>
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((vm) => (
                <tr key={vm.id} data-testid="host-row">
                  <td className={tdClass}>
                    <Link
                      href={`/hosts/${vm.id}`}
                      className="font-medium text-sky-700 hover:underline dark:text-sky-400"
                    >
                      {vm.name}
                    </Link>
                  </td>
                  <td className={tdClass}>
                    <StatusBadge vm={vm} />
                  </td>
                  <td className={tdClass}>{vm.hostname}</td>
                  <td className={tdClass}>
                    <div>{vm.os}</div>
                    <div className="text-xs text-slate-500">{vm.kernel}</div>
                  </td>
                  <td className={tdClass}>{vm.cgroup}</td>
                  <td className={tdClass}>{vm.cpus}</td>
                  <td className={tdClass}>{vm.memory}</td>
                  <td className={tdClass}>
                    {vm.runc} / {vm.conmon}
                  </td>
                  <td className={tdClass}>
                    <AgentVersion vm={vm} />
                  </td>
                  <td className={tdClass}>{vm.lastSeen}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <AddHostDialog open={adding} onClose={() => setAdding(false)} />
    </>
  );
}
