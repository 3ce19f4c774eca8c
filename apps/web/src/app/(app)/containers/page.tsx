import { redirect } from 'next/navigation';
import { currentPrincipal } from '@/server/next/principal.js';
import { ContainersListView } from '@/features/containers/components/containers-list-view.js';
import { can } from '@/lib/roles.js';

export default async function ContainersPage() {
  const p = await currentPrincipal();
  if (!p) redirect('/login');
  return <ContainersListView canOperate={can(p.role, 'containers.operate')} />;
}
