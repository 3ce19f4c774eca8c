import { redirect } from 'next/navigation';
import { currentPrincipal } from '@/server/next/principal.js';
import { ImagesPageView } from '@/features/images/components/images-page-view.js';
import { can } from '@/lib/roles.js';

export default async function ImagesPage() {
  const p = await currentPrincipal();
  if (!p) redirect('/login');
  return <ImagesPageView canOperate={can(p.role, 'containers.operate')} />;
}
