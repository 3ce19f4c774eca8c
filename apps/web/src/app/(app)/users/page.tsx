import { pagePrincipal } from '@/server/next/principal.js';
import { UsersView } from '@/features/users/components/users-view.js';
import { NotAllowed } from '@/components/ui/not-allowed.js';
import { can } from '@/lib/roles.js';

export default async function UsersPage() {
  const p = await pagePrincipal();
  if (!can(p.role, 'users.manage')) return <NotAllowed what="users" />;
  return <UsersView selfId={p.userId} />;
}
