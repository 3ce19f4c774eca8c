import { HydrationBoundary, QueryClient, dehydrate } from '@tanstack/react-query';
import { pagePrincipal } from '@/server/next/principal.js';
import { getServerContext } from '@/server/context.js';
import { ContainersListView } from '@/features/containers/components/containers-list-view.js';
import { containerKeys } from '@/features/containers/queries/query-keys.js';
import { hostKeys } from '@/features/hosts/queries/query-keys.js';
import { can } from '@/lib/roles.js';

/**
 * The list's data is read here, on the server, and handed to React Query in the HTML: the rows
 * render with the document instead of after hydration + two API round trips.
 */
export default async function ContainersPage() {
  const p = await pagePrincipal();
  const ctx = getServerContext();
  const [containers, hosts] = await Promise.all([ctx.containers.list({}), ctx.hosts.list()]);
  const qc = new QueryClient();
  qc.setQueryData(containerKeys.list(), containers);
  qc.setQueryData(hostKeys.list(), hosts);
  return (
    <HydrationBoundary state={dehydrate(qc)}>
      <ContainersListView canOperate={can(p.role, 'containers.operate')} now={Date.now()} />
    </HydrationBoundary>
  );
}
