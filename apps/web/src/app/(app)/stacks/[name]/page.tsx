import { redirect } from 'next/navigation';
import { currentPrincipal } from '@/server/next/principal.js';
import { StackItemView } from '@/features/stacks/components/stack-item-view.js';
import { can } from '@/lib/roles.js';

export default async function StackPage({ params }: { params: Promise<{ name: string }> }) {
  const p = await currentPrincipal();
  if (!p) redirect('/login');
  const { name } = await params;
  return (
    <StackItemView
      name={decodeURIComponent(name)}
      canDeploy={can(p.role, 'stacks.deploy')}
      canReadFile={can(p.role, 'containers.env.read')}
    />
  );
}
