import { redirect } from 'next/navigation';
import { currentPrincipal } from '@/server/next/principal.js';
import { HostNetworksView } from '@/features/networks/components/host-networks-view.js';
import { can } from '@/lib/roles.js';

export default async function HostNetworksPage({ params }: { params: Promise<{ id: string }> }) {
  const p = await currentPrincipal();
  if (!p) redirect('/login');
  const { id } = await params;
  return <HostNetworksView hostId={id} canOperate={can(p.role, 'containers.operate')} />;
}
