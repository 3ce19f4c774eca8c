import { pagePrincipal } from '@/server/next/principal.js';
import { HostImagesView } from '@/features/images/components/host-images-view.js';
import { can } from '@/lib/roles.js';

export default async function HostImagesPage({ params }: { params: Promise<{ id: string }> }) {
  const p = await pagePrincipal();
  const { id } = await params;
  return <HostImagesView hostId={id} canOperate={can(p.role, 'containers.operate')} />;
}
