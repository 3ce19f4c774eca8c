import { pagePrincipal } from '@/server/next/principal.js';
import { ImagesPageView } from '@/features/images/components/images-page-view.js';
import { RegistryGrantsCard } from '@/features/registries/components/registry-grants-card.js';
import { RegistryCredentialsCard } from '@/features/registries/components/registry-credentials-card.js';
import { can } from '@/lib/roles.js';

export default async function ImagesPage() {
  const p = await pagePrincipal();
  return (
    <>
      <ImagesPageView canOperate={can(p.role, 'containers.operate')} />
      {can(p.role, 'registries.manage') ? <RegistryCredentialsCard /> : null}
      {can(p.role, 'registries.grant') ? <RegistryGrantsCard /> : null}
    </>
  );
}
