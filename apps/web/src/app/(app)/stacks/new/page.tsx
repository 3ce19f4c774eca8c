import { redirect } from 'next/navigation';
import { currentPrincipal } from '@/server/next/principal.js';
import { NewStackView } from '@/features/stacks/components/new-stack-view.js';
import { can } from '@/lib/roles.js';

export default async function NewStackPage() {
  const p = await currentPrincipal();
  if (!p) redirect('/login');
  // viewers see stacks but deploy none
  if (!can(p.role, 'stacks.deploy')) redirect('/stacks');
  return <NewStackView />;
}
