import { redirect } from 'next/navigation';
import { currentPrincipal } from '@/server/next/principal.js';
import { HostsListView } from '@/features/hosts/components/hosts-list-view.js';
import { can } from '@/lib/roles.js';

export default async function HostsPage() {
  const p = await currentPrincipal();
  if (!p) redirect('/login');
  return <HostsListView canCreate={can(p.role, 'hosts.create')} />;
}
