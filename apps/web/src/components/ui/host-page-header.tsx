import Link from 'next/link';
import type { ReactNode } from 'react';
import { PageHeader } from './ui.js';

/**
 * The header of a page about one host's things (images, networks, volumes): a breadcrumb back to
 * Hosts and to the host, by its name (never its internal id), and "<Things> on <host>".
 */
export function HostPageHeader({
  hostId,
  hostName,
  things,
  actions,
}: {
  hostId: string;
  /** Undefined while the host is loading. */
  hostName: string | undefined;
  things: string;
  actions?: ReactNode;
}) {
  return (
    <div>
      <nav aria-label="Breadcrumb" className="mb-1 text-sm text-slate-500 dark:text-slate-400">
        <Link href="/hosts" className="hover:underline">
          Hosts
        </Link>{' '}
        /{' '}
        <Link href={`/hosts/${encodeURIComponent(hostId)}`} className="hover:underline">
          {hostName ?? '…'}
        </Link>
      </nav>
      <PageHeader title={hostName ? `${things} on ${hostName}` : things} actions={actions} />
    </div>
  );
}
