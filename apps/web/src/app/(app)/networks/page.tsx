import { redirect } from 'next/navigation';
import { currentPrincipal } from '@/server/next/principal.js';
import { NetworksPageView } from '@/features/networks/components/networks-page-view.js';
import { can } from '@/lib/roles.js';

export default async function NetworksPage() {
  const p = await currentPrincipal();
  if (!p) redirect('/login');
  return <NetworksPageView canOperate={can(p.role, 'containers.operate')} />;
}
