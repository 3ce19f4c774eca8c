import { pagePrincipal } from '@/server/next/principal.js';
import { scopesOfRole } from '@/server/tokens/token-rules.js';
import { TokensView } from '@/features/tokens/components/tokens-view.js';
import { can } from '@/lib/roles.js';

export default async function TokensPage() {
  const p = await pagePrincipal();
  return (
    <TokensView allowedScopes={scopesOfRole(p.role)} canSeeAll={can(p.role, 'users.manage')} />
  );
}
