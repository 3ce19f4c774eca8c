import { pagePrincipal } from '@/server/next/principal.js';
import { AuditView } from '@/features/audit/components/audit-view.js';
import { NotAllowed } from '@/components/ui/not-allowed.js';
import { can } from '@/lib/roles.js';

export default async function AuditPage() {
  const p = await pagePrincipal();
  if (!can(p.role, 'audit.read')) return <NotAllowed what="the audit log" />;
  return <AuditView />;
}
