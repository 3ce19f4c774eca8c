import { pagePrincipal } from '@/server/next/principal.js';
import { HostItemView } from '@/features/hosts/components/host-item-view.js';
import { HostGraphs } from '@/features/stats/components/host-graphs.js';
import { can } from '@/lib/roles.js';

export default async function HostPage({ params }: { params: Promise<{ id: string }> }) {
  const p = await pagePrincipal();
  const { id } = await params;
  return (
    <HostItemView
      id={id}
      canManage={can(p.role, 'hosts.revoke')}
      canOperate={can(p.role, 'containers.operate')}
      graphs={<HostGraphs hostId={id} />}
    />
  );
}
