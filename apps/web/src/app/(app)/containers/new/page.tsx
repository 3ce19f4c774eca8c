import { pagePrincipal } from '@/server/next/principal.js';
import { CreateContainerView } from '@/features/containers/components/create-container-view.js';
import { DuplicateContainerView } from '@/features/containers/components/duplicate-container-view.js';
import { EmptyState } from '@/components/ui/ui.js';
import { can } from '@/lib/roles.js';

export default async function NewContainerPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const p = await pagePrincipal();
  if (!can(p.role, 'containers.operate'))
    return (
      <EmptyState title="Not allowed">
        Creating containers needs the operator or admin role.
      </EmptyState>
    );
  const { host, from } = await searchParams;
  const canElevate = can(p.role, 'containers.elevated');
  if (typeof host === 'string' && typeof from === 'string' && host && from)
    return <DuplicateContainerView hostId={host} from={from} canElevate={canElevate} />;
  return (
    <CreateContainerView
      initialHost={typeof host === 'string' ? host : ''}
      canElevate={canElevate}
    />
  );
}
