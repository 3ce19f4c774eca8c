import { redirect } from 'next/navigation';
import { currentPrincipal } from '@/server/next/principal.js';
import { StacksListView } from '@/features/stacks/components/stacks-list-view.js';
import { can } from '@/lib/roles.js';

export default async function StacksPage() {
  const p = await currentPrincipal();
  if (!p) redirect('/login');
  return <StacksListView canDeploy={can(p.role, 'stacks.deploy')} />;
}
