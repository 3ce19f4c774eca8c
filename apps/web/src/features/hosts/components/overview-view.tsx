'use client';

import Link from 'next/link';
import { Card, ErrorText, PageHeader } from '../../../components/ui/ui.js';
import { useHosts } from '../queries/use-hosts.js';
import { useHostEvents } from '../queries/use-host-events.js';
import { countByStatus } from '../host-summary.js';

export function OverviewView() {
  const hosts = useHosts();
  useHostEvents();
  const counts = countByStatus(hosts.data ?? []);
  const tiles: [string, number][] = [
    ['Hosts', counts.total],
    ['Online', counts.online],
    ['Offline', counts.offline],
    ['Pending', counts.pending],
  ];
  return (
    <>
      <PageHeader title="Overview" />
      <ErrorText error={hosts.error} />
      <div className="grid grid-cols-2 gap-4 sm:grid-cols-4">
        {tiles.map(([label, n]) => (
          <Card key={label}>
            <div className="text-sm text-slate-500 dark:text-slate-400">{label}</div>
            <div className="mt-1 text-2xl font-semibold" aria-label={`${label}: ${n}`}>
              {hosts.isPending ? '…' : n}
            </div>
          </Card>
        ))}
      </div>
      <p className="mt-6 text-sm">
        <Link href="/hosts" className="text-sky-700 hover:underline dark:text-sky-400">
          Go to hosts →
        </Link>
      </p>
    </>
  );
}
