'use client';

import { useState, type FormEvent, type ReactNode } from 'react';
import Link from 'next/link';
import {
  Button,
  Card,
  EmptyState,
  ErrorText,
  PageHeader,
  TextField,
} from '../../../components/ui/ui.js';
import { Dialog } from '../../../components/ui/dialog.js';
import { ApiError } from '../../../lib/api-client.js';
import { useHost } from '../queries/use-host.js';
import { useHostEvents } from '../queries/use-host-events.js';
import { useRenameHost } from '../queries/use-rename-host.js';
import { useRevokeHost } from '../queries/use-revoke-host.js';
import { useNewJoinToken } from '../queries/use-new-join-token.js';
import { toHostViewModel, type HostViewModel } from '../host-view-model.js';
import { StatusBadge } from './status-badge.js';
import { RemoveHost } from './remove-host.js';
import { JoinCommand } from './join-command.js';
import { useNow } from '../../../lib/use-now.js';
import { ContainersListView } from '../../containers/components/containers-list-view.js';
import { useAgentBundle } from '../queries/use-agent-bundle.js';
import { AgentVersion } from './agent-version.js';
import { UpgradeAction } from './upgrade-action.js';

function Facts({ vm }: { vm: HostViewModel }) {
  const facts: [string, ReactNode][] = [
    ['Hostname', vm.hostname],
    ['OS', vm.os],
    ['Kernel', vm.kernel],
    ['Architecture', vm.arch],
    ['cgroup', vm.cgroup],
    ['CPUs', vm.cpus],
    ['Memory', vm.memory],
    ['runc', vm.runc],
    ['crun', vm.crun],
    ['conmon', vm.conmon],
    ['Agent', <AgentVersion key="agent" vm={vm} />],
    ['Last seen', vm.lastSeen],
    ['Confinement', vm.confinement],
  ];
  return (
    <dl className="grid grid-cols-1 gap-x-8 gap-y-2 sm:grid-cols-2">
      {facts.map(([k, v]) => (
        <div
          key={k}
          className="flex justify-between border-b border-slate-100 py-1 text-sm dark:border-slate-800"
        >
          <dt className="text-slate-500 dark:text-slate-400">{k}</dt>
          <dd className="font-mono">{v}</dd>
        </div>
      ))}
    </dl>
  );
}

/** What this host accepts from the web: set on the agent by the host's owner, shown here. */
function Policy({ vm }: { vm: HostViewModel }) {
  if (!vm.policy)
    return <p className="text-sm text-slate-500">This host’s agent has not reported a policy.</p>;
  return (
    <div className="space-y-2 text-sm" data-testid="host-policy">
      <dl className="space-y-1">
        <div className="flex justify-between gap-4">
          <dt className="text-slate-500 dark:text-slate-400">Elevated options</dt>
          <dd className="text-right font-mono" data-testid="policy-elevated">
            {vm.policy.elevated}
          </dd>
        </div>
        <div className="flex justify-between gap-4">
          <dt className="text-slate-500 dark:text-slate-400">Host paths to bind</dt>
          <dd className="text-right font-mono" data-testid="policy-binds">
            {vm.policy.binds}
          </dd>
        </div>
        <div className="flex justify-between gap-4">
          <dt className="text-slate-500 dark:text-slate-400">Agent upgrades from the web</dt>
          <dd className="text-right font-mono" data-testid="policy-upgrades">
            {vm.policy.upgrades}
          </dd>
        </div>
      </dl>
      <p className="text-xs text-slate-500">
        What this host accepts from the web, even from admins. Its owner sets it on the agent:{' '}
        <code>berth-agent --allow-elevated OPTION --allow-bind PATH</code> (
        <code>--no-remote-upgrade</code> refuses upgrades).
      </p>
    </div>
  );
}

function RenameForm({ vm }: { vm: HostViewModel }) {
  const rename = useRenameHost(vm.id);
  const [name, setName] = useState(vm.name);
  function submit(e: FormEvent) {
    e.preventDefault();
    rename.mutate(name.trim());
  }
  return (
    <form onSubmit={submit} className="flex items-end gap-2">
      <div className="flex-1">
        <TextField label="Host name" id="rename" value={name} required onChange={setName} />
      </div>
      <Button
        type="submit"
        variant="secondary"
        disabled={rename.isPending || name.trim() === vm.name}
      >
        Rename
      </Button>
      <ErrorText error={rename.error} />
    </form>
  );
}

function AdminActions({ vm }: { vm: HostViewModel }) {
  const revoke = useRevokeHost(vm.id);
  const token = useNewJoinToken(vm.id);
  const [confirming, setConfirming] = useState(false);
  if (vm.status === 'revoked')
    return (
      <div className="space-y-3">
        <p className="text-sm text-slate-500">
          This host is revoked. Add it again to re-enroll it, or remove it from the dashboard.
        </p>
        <RemoveHost vm={vm} />
      </div>
    );
  return (
    <div className="space-y-4">
      <RenameForm vm={vm} />
      {vm.enrolled ? <UpgradeAction vm={vm} /> : null}
      {!vm.enrolled ? (
        <div className="space-y-2">
          <Button variant="secondary" onClick={() => token.mutate()} disabled={token.isPending}>
            New join token
          </Button>
          <ErrorText error={token.error} />
          {token.data ? <JoinCommand result={token.data} /> : null}
        </div>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <Button variant="danger" onClick={() => setConfirming(true)}>
          Revoke
        </Button>
        <RemoveHost vm={vm} />
      </div>
      <Dialog open={confirming} onClose={() => setConfirming(false)} title={`Revoke ${vm.name}?`}>
        <p className="text-sm">
          The agent is disconnected at once and its credential stops working. Containers on the host
          keep running.
        </p>
        <ErrorText error={revoke.error} />
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={() => setConfirming(false)}>
            Cancel
          </Button>
          <Button
            variant="danger"
            disabled={revoke.isPending}
            onClick={() => revoke.mutate(undefined, { onSuccess: () => setConfirming(false) })}
          >
            Revoke
          </Button>
        </div>
      </Dialog>
    </div>
  );
}

export function HostItemView({
  id,
  canManage,
  canOperate = false,
  graphs,
}: {
  id: string;
  canManage: boolean;
  /** May act on the host's containers (operator, admin). */
  canOperate?: boolean;
  /** Slot for the host's resource graphs (stats feature). */
  graphs?: ReactNode;
}) {
  const host = useHost(id);
  const bundle = useAgentBundle();
  useHostEvents();
  const now = useNow(10_000);
  if (host.isPending) return <p className="text-sm text-slate-500">Loading…</p>;
  if (host.error && !(host.error instanceof ApiError && host.error.status === 404)) {
    return <ErrorText error={host.error} />;
  }
  if (host.error) {
    return (
      <EmptyState title="Host not found">
        It may have been removed.{' '}
        <Link href="/hosts" className="text-sky-700 hover:underline dark:text-sky-400">
          Back to hosts
        </Link>
      </EmptyState>
    );
  }
  const vm = toHostViewModel(host.data, now, bundle.data ?? null);
  return (
    <>
      <PageHeader title={vm.name} actions={<StatusBadge vm={vm} testId="host-status" />} />
      <div className="grid gap-6 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <h2 className="mb-3 font-medium">Facts</h2>
          {vm.enrolled ? (
            <Facts vm={vm} />
          ) : (
            <p className="text-sm text-slate-500">No agent has enrolled yet.</p>
          )}
          {vm.enrolled ? (
            <>
              <h2 className="mb-2 mt-5 font-medium">Host policy</h2>
              <Policy vm={vm} />
            </>
          ) : null}
        </Card>
        {canManage ? (
          <Card>
            <h2 className="mb-3 font-medium">Manage</h2>
            <AdminActions vm={vm} />
          </Card>
        ) : null}
      </div>
      {graphs ? <div className="mt-6">{graphs}</div> : null}
      {vm.enrolled ? (
        <section className="mt-6" aria-label="Containers of this host">
          <ContainersListView canOperate={canOperate} hostId={id} />
        </section>
      ) : null}
    </>
  );
}
