import { pagePrincipal } from '@/server/next/principal.js';
import { HostImagesView } from '@/features/images/components/host-images-view.js';
import { can } from '@/lib/roles.js';

export default async function HostImagesPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ pull?: string | string[] }>;
}) {
  const p = await pagePrincipal();
  const { id } = await params;
  const { pull } = await searchParams;
  return (
    <HostImagesView
      hostId={id}
      canOperate={can(p.role, 'containers.operate')}
      initialPull={typeof pull === 'string' ? pull.slice(0, 512) : ''}
    />
  );
}
