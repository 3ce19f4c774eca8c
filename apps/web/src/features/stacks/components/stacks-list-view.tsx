'use client';

import Link from 'next/link';
import {
  EmptyState,
  ErrorText,
  PageHeader,
  tableClass,
  tdClass,
  thClass,
} from '../../../components/ui/ui.js';
import type { StackHostDto } from '../../../lib/dto/stack.js';
import { useStacks } from '../queries/use-stacks.js';

/** One host's copy in a list cell: name, version, and whether it drifted. */
export function HostChip({ h, latest }: { h: StackHostDto; latest: number | null }) {
  const drifted = h.drift.length > 0 || h.outdated;
  const version = h.deployment?.versionNumber ? `v${h.deployment.versionNumber}` : null;
  return (
    <span
      data-testid="stack-host-chip"
      data-drift={drifted ? 'true' : 'false'}
      title={[...h.drift, ...(h.outdated ? [`latest is v${latest ?? '?'}`] : [])].join('\n')}
      className={`mr-1 inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs ${
        drifted
          ? 'bg-amber-100 text-amber-900 dark:bg-amber-900/40 dark:text-amber-200'
          : 'bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300'
      }`}
    >
      {h.hostName}
      {version ? <span className="font-mono">{version}</span> : null}
      {h.deployment?.status === 'deploying' ? '…' : null}
      {h.deployment?.status === 'failed' ? ' failed' : null}
    </span>
  );
}

/** The stacks of every host: the web's stacks and the projects found running. */
export function StacksListView({ canDeploy }: { canDeploy: boolean }) {
  const stacks = useStacks();
  const list = stacks.data ?? [];
  return (
    <div>
      <PageHeader
        title="Stacks"
        actions={
          canDeploy ? (
            <Link
              href="/stacks/new"
              className="rounded-md bg-sky-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-700"
            >
              New stack
            </Link>
          ) : null
        }
      />
      <ErrorText error={stacks.error} />
      {stacks.data && list.length === 0 ? (
        <EmptyState title="No stacks yet">
          Deploy a compose file to one or more hosts with “New stack”, or run{' '}
          <code>berth compose up</code> on a host.
        </EmptyState>
      ) : null}
      {list.length > 0 ? (
        <table className={tableClass}>
          <thead>
            <tr>
              <th className={thClass}>Stack</th>
              <th className={thClass}>Hosts</th>
              <th className={thClass}>Services</th>
              <th className={thClass}>Running</th>
              <th className={thClass}>Latest version</th>
            </tr>
          </thead>
          <tbody>
            {list.map((s) => {
              const services = new Set(s.hosts.flatMap((h) => h.services.map((x) => x.name)));
              const running = s.hosts.reduce((n, h) => n + h.running, 0);
              const total = s.hosts.reduce((n, h) => n + h.total, 0);
              return (
                <tr key={s.name} data-testid="stack-row" data-stack={s.name}>
                  <td className={tdClass}>
                    <Link
                      href={`/stacks/${encodeURIComponent(s.name)}`}
                      className="font-medium text-sky-700 hover:underline dark:text-sky-400"
                    >
                      {s.name}
                    </Link>
                    {s.managed ? null : (
                      <span className="ml-2 text-xs text-slate-500">found running</span>
                    )}
                  </td>
                  <td className={tdClass}>
                    {s.hosts.map((h) => (
                      <HostChip key={h.hostId} h={h} latest={s.latestVersion} />
                    ))}
                  </td>
                  <td className={tdClass}>{services.size}</td>
                  <td className={tdClass}>
                    {running}/{total}
                  </td>
                  <td className={tdClass}>{s.latestVersion ? `v${s.latestVersion}` : '–'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
