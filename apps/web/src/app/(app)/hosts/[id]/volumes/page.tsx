import { redirect } from 'next/navigation';
import { currentPrincipal } from '@/server/next/principal.js';
import { HostVolumesView } from '@/features/volumes/components/host-volumes-view.js';
import { can } from '@/lib/roles.js';

export default async function HostVolumesPage({ params }: { params: Promise<{ id: string }> }) {
  const p = await currentPrincipal();
  if (!p) redirect('/login');
  const { id } = await params;
  return (
    <HostVolumesView
      hostId={id}
      canOperate={can(p.role, 'containers.operate')}
      canBrowse={can(p.role, 'containers.env.read')}
    />
  );
}
