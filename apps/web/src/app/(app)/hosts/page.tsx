import { pagePrincipal } from '@/server/next/principal.js';
import { HostsListView } from '@/features/hosts/components/hosts-list-view.js';
import { can } from '@/lib/roles.js';

export default async function HostsPage() {
  const p = await pagePrincipal();
  return (
    <HostsListView
      canCreate={can(p.role, 'hosts.create')}
      canUpgrade={can(p.role, 'hosts.upgrade')}
    />
  );
}
