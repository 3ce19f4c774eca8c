import { pagePrincipal } from '@/server/next/principal.js';
import { ContainerItemView } from '@/features/containers/components/container-item-view.js';
import { can } from '@/lib/roles.js';

export default async function ContainerPage({
  params,
}: {
  params: Promise<{ hostId: string; containerId: string }>;
}) {
  const p = await pagePrincipal();
  const { hostId, containerId } = await params;
  return (
    <ContainerItemView
      hostId={decodeURIComponent(hostId)}
      engineId={decodeURIComponent(containerId)}
      canOperate={can(p.role, 'containers.operate')}
      canElevate={can(p.role, 'containers.elevated')}
      canTerminal={can(p.role, 'terminal.open')}
    />
  );
}
