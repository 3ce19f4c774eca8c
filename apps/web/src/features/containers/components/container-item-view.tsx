'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState, type KeyboardEvent } from 'react';
import { Card, EmptyState, ErrorText } from '../../../components/ui/ui.js';
import { useHosts } from '../../hosts/queries/use-hosts.js';
import { useHostEvents } from '../../hosts/queries/use-host-events.js';
import { TerminalPane } from '../../terminal/components/terminal-pane.js';
import { ContainerGraphs } from '../../stats/components/container-graphs.js';
import { useNow } from '../../../lib/use-now.js';
import { useContainers } from '../queries/use-containers.js';
import { useContainerEvents } from '../queries/use-container-events.js';
import { useContainerInspect } from '../queries/use-container-inspect.js';
import { EnvHiddenNote } from './env-list.js';
import { blockedReason, statusLine, type HostLink } from '../container-view-model.js';
import { ContainerActions } from './container-actions.js';
import { StateBadge } from './state-badge.js';
import { ElevatedBadge } from './elevated-badge.js';
import { OverviewTab } from './overview-tab.js';
import { LogsTab } from './logs-tab.js';
import { LimitsTab } from './limits-tab.js';

/** Opens the create form with this container's settings (or says why it cannot). */
function DuplicateEditLink(props: { hostId: string; engineId: string; reason: string | null }) {
  const cls =
    'rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium dark:border-slate-700';
  if (props.reason)
    return (
      <span
        className={`${cls} cursor-not-allowed opacity-50`}
        title={`Duplicate/Edit: ${props.reason}`}
      >
        Duplicate/Edit
      </span>
    );
  const q = `host=${encodeURIComponent(props.hostId)}&from=${encodeURIComponent(props.engineId)}`;
  return (
    <Link
      href={`/containers/new?${q}`}
      className={`${cls} hover:bg-slate-100 dark:hover:bg-slate-800`}
    >
      Duplicate/Edit
    </Link>
  );
}

const tabs = ['Overview', 'Inspect', 'Terminal', 'Graphs', 'Logs', 'Limits'] as const;
type Tab = (typeof tabs)[number];

/** One container: header with live state and actions, then tabs. */
export function ContainerItemView(props: {
  hostId: string;
  engineId: string;
  canOperate: boolean;
  /** An admin: may copy containers with elevated options too. */
  canElevate: boolean;
  canTerminal: boolean;
}) {
  const { hostId, engineId } = props;
  const router = useRouter();
  const containers = useContainers();
  const hosts = useHosts();
  useContainerEvents();
  useHostEvents();
  const now = useNow(15_000);
  const [tab, setTab] = useState<Tab>('Overview');
  const c = containers.data?.find((x) => x.hostId === hostId && x.engineId === engineId);
  const inspect = useContainerInspect(hostId, engineId, c ? `${c.state}:${c.startedAt}` : 'none');
  const host = hosts.data?.find((h) => h.id === hostId);
  const link: HostLink | undefined = host
    ? { name: host.name, status: host.status, lastSeenAt: host.lastSeenAt }
    : undefined;

  if (containers.isPending) return <p className="text-sm text-slate-500">Loading…</p>;
  if (containers.error) return <ErrorText error={containers.error} />;
  if (!c) {
    return (
      <EmptyState title="Container not found">
        It may have been removed.{' '}
        <Link href="/containers" className="text-sky-700 hover:underline dark:text-sky-400">
          Back to containers
        </Link>
      </EmptyState>
    );
  }
  // The terminal, graphs and logs say themselves when the host's link is lost.
  const running = c.state === 'running';
  const online = host?.status === 'online';
  const blocked = hosts.isPending ? null : blockedReason(c, link, now);
  const onTabKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const i = tabs.indexOf(tab);
    if (e.key === 'ArrowRight') setTab(tabs[(i + 1) % tabs.length]!);
    if (e.key === 'ArrowLeft') setTab(tabs[(i + tabs.length - 1) % tabs.length]!);
  };
  return (
    <>
      <div className="mb-4 flex flex-wrap items-start justify-between gap-4">
        <div>
          <p className="text-sm text-slate-500">
            <Link href="/containers" className="hover:underline">
              Containers
            </Link>{' '}
            /{' '}
            <Link href={`/hosts/${encodeURIComponent(hostId)}`} className="hover:underline">
              {host?.name ?? 'unknown host'}
            </Link>
            {host && host.status !== 'online' ? (
              <span className="ml-1 text-amber-600">(host {host.status})</span>
            ) : null}
          </p>
          <h1 className="flex items-center gap-3 text-xl font-semibold">
            <span data-testid="container-name">{c.name}</span>
            <StateBadge
              state={c.state}
              transition={online ? c.transition : null}
              unknown={!hosts.isPending && !online}
              health={c.health}
            />
            <ElevatedBadge tokens={c.elevated} />
          </h1>
          <p className="text-sm text-slate-500">
            <span data-testid="container-status">
              {hosts.isPending ? '…' : statusLine(c, link, now)}
            </span>{' '}
            · <span className="font-mono">{engineId.slice(0, 12)}</span>
          </p>
        </div>
        {props.canOperate ? (
          <div className="flex flex-col items-end gap-2">
            <ContainerActions
              container={c}
              blocked={blocked}
              onRemoved={() => router.push('/containers')}
            />
            <DuplicateEditLink
              hostId={hostId}
              engineId={engineId}
              reason={
                blocked ??
                (c.elevated.length > 0 && !props.canElevate
                  ? 'it has elevated options: an admin can copy it'
                  : null)
              }
            />
          </div>
        ) : null}
      </div>
      <div
        role="tablist"
        aria-label="Container"
        className="mb-4 flex gap-1 overflow-x-auto border-b border-slate-200 dark:border-slate-800"
        onKeyDown={onTabKey}
      >
        {tabs.map((t) => (
          <button
            key={t}
            type="button"
            role="tab"
            id={`tab-${t}`}
            aria-selected={tab === t}
            aria-controls={`panel-${t}`}
            tabIndex={tab === t ? 0 : -1}
            onClick={() => setTab(t)}
            className="-mb-px shrink-0 border-b-2 border-transparent px-3 py-2 text-sm text-slate-600 hover:text-slate-900 aria-selected:border-sky-600 aria-selected:font-medium aria-selected:text-slate-900 dark:text-slate-300 dark:aria-selected:text-white"
          >
            {t}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === 'Overview' ? (
          <Card>
            <OverviewTab
              c={c}
              inspect={inspect.data?.inspect}
              envRedacted={inspect.data?.envRedacted ?? false}
            />
          </Card>
        ) : null}
        {tab === 'Inspect' ? (
          <Card>
            <ErrorText error={inspect.error} />
            {inspect.data?.envRedacted ? <EnvHiddenNote /> : null}
            <pre data-testid="inspect-json" className="max-h-[70vh] overflow-auto text-xs">
              {inspect.data
                ? JSON.stringify(inspect.data.inspect, null, 2)
                : inspect.isPending
                  ? 'Loading…'
                  : ''}
            </pre>
          </Card>
        ) : null}
        {tab === 'Terminal' ? (
          <TerminalPane
            hostId={hostId}
            containerId={engineId}
            containerName={c.name}
            running={running}
            canOpen={props.canTerminal}
          />
        ) : null}
        {tab === 'Graphs' ? (
          <ContainerGraphs hostId={hostId} containerId={engineId} running={running} />
        ) : null}
        {tab === 'Logs' ? (
          <LogsTab
            hostId={hostId}
            engineId={engineId}
            running={running}
            canFollow={props.canOperate}
          />
        ) : null}
        {tab === 'Limits' ? (
          <Card>
            <LimitsTab key={JSON.stringify(c.limits)} container={c} canOperate={props.canOperate} />
          </Card>
        ) : null}
      </div>
    </>
  );
}
