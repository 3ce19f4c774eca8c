import { redirect } from 'next/navigation';
import { currentPrincipal } from '@/server/next/principal.js';
import { VolumesPageView } from '@/features/volumes/components/volumes-page-view.js';
import { can } from '@/lib/roles.js';

export default async function VolumesPage() {
  const p = await currentPrincipal();
  if (!p) redirect('/login');
  return (
    <VolumesPageView
      canOperate={can(p.role, 'containers.operate')}
      canBrowse={can(p.role, 'containers.env.read')}
    />
  );
}
