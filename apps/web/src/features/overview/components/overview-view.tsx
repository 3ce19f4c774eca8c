'use client';

import Link from 'next/link';
import { Card, ErrorText, PageHeader } from '../../../components/ui/ui.js';
import { useHosts } from '../../hosts/queries/use-hosts.js';
import { useHostEvents } from '../../hosts/queries/use-host-events.js';
import { countByStatus } from '../../hosts/host-summary.js';
import { useContainers } from '../../containers/queries/use-containers.js';
import { useContainerEvents } from '../../containers/queries/use-container-events.js';
import { countByState } from '../../containers/list-filter.js';
import { containerHref } from '../../containers/container-view-model.js';
import { useStatsSummary } from '../../stats/queries/use-summary.js';
import { formatBytes, formatPercent } from '../../stats/format.js';
import { fleetTop, type TopEntry } from '../fleet-top.js';

function Tiles({
  title,
  tiles,
  pending,
}: {
  title: string;
  tiles: [string, number][];
  pending: boolean;
}) {
  return (
    <section aria-label={title} className="mb-6">
      <h2 className="mb-2 text-sm font-medium text-slate-500 dark:text-slate-400">{title}</h2>
      <div className="grid grid-cols-[repeat(auto-fit,minmax(8.5rem,1fr))] gap-4">
        {tiles.map(([label, n]) => (
          <Card key={label}>
            <div className="text-sm text-slate-500 dark:text-slate-400">{label}</div>
            <div className="mt-1 text-2xl font-semibold" aria-label={`${label}: ${n}`}>
              {pending ? '…' : n}
            </div>
          </Card>
        ))}
      </div>
    </section>
  );
}

function TopList({
  title,
  entries,
  format,
  hostName,
}: {
  title: string;
  entries: TopEntry[];
  format: (v: number) => string;
  hostName: (id: string) => string;
}) {
  return (
    <Card>
      <h2 className="mb-2 font-medium">{title}</h2>
      {entries.length === 0 ? (
        <p className="text-sm text-slate-500">No live numbers yet (summaries arrive every 10 s).</p>
      ) : (
        <ol
          className="space-y-1 text-sm"
          data-testid={`fleet-top-${title.includes('CPU') ? 'cpu' : 'memory'}`}
        >
          {entries.map((e) => (
            <li key={e.id} className="flex justify-between gap-2">
              <Link
                href={containerHref(e.hostId, e.engineId)}
                className="truncate text-sky-700 hover:underline dark:text-sky-400"
              >
                {e.name} <span className="text-xs text-slate-500">on {hostName(e.hostId)}</span>
              </Link>
              <span className="font-mono">{format(e.value)}</span>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}

/** Hosts online/offline, containers by state, and the fleet's busiest containers (live). */
export function OverviewView() {
  const hosts = useHosts();
  const containers = useContainers();
  useHostEvents();
  useContainerEvents();
  const live = useStatsSummary();
  const h = countByStatus(hosts.data ?? []);
  const c = countByState(
    containers.data ?? [],
    new Map((hosts.data ?? []).map((x) => [x.id, x.status])),
  );
  const names = new Map((hosts.data ?? []).map((x) => [x.id, x.name]));
  const hostName = (id: string) => names.get(id) ?? 'unknown host';
  return (
    <>
      <PageHeader title="Overview" />
      <ErrorText error={hosts.error ?? containers.error} />
      <Tiles
        title="Hosts"
        pending={hosts.isPending}
        tiles={[
          ['Hosts', h.total],
          ['Online', h.online],
          ['Offline', h.offline],
          ['Pending', h.pending],
          ['Revoked', h.revoked],
        ]}
      />
      <Tiles
        title="Containers"
        pending={containers.isPending || hosts.isPending}
        tiles={[
          ['Containers', c.total],
          ['Running', c.running],
          ['Paused', c.paused],
          ['Exited', c.exited],
          ['Created', c.created],
          ...(c.unknown > 0 ? ([['Unknown (host offline)', c.unknown]] as [string, number][]) : []),
        ]}
      />
      <div className="grid gap-4 md:grid-cols-2">
        <TopList
          title="Top by CPU"
          entries={fleetTop(containers.data ?? [], live, 'cpu')}
          format={formatPercent}
          hostName={hostName}
        />
        <TopList
          title="Top by memory"
          entries={fleetTop(containers.data ?? [], live, 'memory')}
          format={formatBytes}
          hostName={hostName}
        />
      </div>
      <p className="mt-6 flex gap-4 text-sm">
        <Link href="/hosts" className="text-sky-700 hover:underline dark:text-sky-400">
          Go to hosts →
        </Link>
        <Link href="/containers" className="text-sky-700 hover:underline dark:text-sky-400">
          Go to containers →
        </Link>
      </p>
    </>
  );
}
