'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Card, EmptyState, ErrorText } from '../../../components/ui/ui.js';
import { TabList } from '../../../components/ui/tab-list.js';
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
import { ContainerHeader } from './container-header.js';
import { OverviewTab } from './overview-tab.js';
import { LogsTab } from './logs-tab.js';
import { LimitsTab } from './limits-tab.js';
import { DuplicateEditLink } from './duplicate-edit-link.js';

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
  const blocked = hosts.isPending ? null : blockedReason(c, link, now);
  return (
    <>
      <ContainerHeader
        c={c}
        host={host}
        hostsPending={hosts.isPending}
        status={hosts.isPending ? '…' : statusLine(c, link, now)}
        actions={
          props.canOperate ? (
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
          ) : null
        }
      />
      <TabList label="Container" tabs={tabs} current={tab} onSelect={setTab} />
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
