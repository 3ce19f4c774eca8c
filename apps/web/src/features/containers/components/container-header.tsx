import Link from 'next/link';
import type { ReactNode } from 'react';
import type { ContainerDto } from '../../../lib/dto/container.js';
import type { HostDto } from '../../../lib/dto/host.js';
import { StateBadge } from './state-badge.js';
import { ElevatedBadge } from './elevated-badge.js';

/** A container page's head: where it is, its name, live state and status line, its actions. */
export function ContainerHeader({
  c,
  host,
  hostsPending,
  status,
  actions,
}: {
  c: ContainerDto;
  host: HostDto | undefined;
  hostsPending: boolean;
  status: string;
  actions: ReactNode;
}) {
  const online = host?.status === 'online';
  return (
    <div className="mb-4 flex flex-wrap items-start justify-between gap-4">
      <div>
        <p className="text-sm text-slate-500">
          <Link href="/containers" className="hover:underline">
            Containers
          </Link>{' '}
          /{' '}
          <Link href={`/hosts/${encodeURIComponent(c.hostId)}`} className="hover:underline">
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
            unknown={!hostsPending && !online}
            health={c.health}
          />
          <ElevatedBadge tokens={c.elevated} />
        </h1>
        <p className="text-sm text-slate-500">
          <span data-testid="container-status">{status}</span> ·{' '}
          <span className="font-mono">{c.engineId.slice(0, 12)}</span>
        </p>
      </div>
      {actions}
    </div>
  );
}
