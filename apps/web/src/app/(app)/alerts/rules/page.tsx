import { pagePrincipal } from '@/server/next/principal.js';
import { can } from '@/lib/roles.js';
import { NotAllowed } from '@/components/ui/not-allowed.js';
import { AlertRulesView } from '@/features/alerts/components/alert-rules-view.js';

export default async function AlertRulesPage() {
  const p = await pagePrincipal();
  if (!can(p.role, 'alerts.manage')) return <NotAllowed what="alert rules" />;
  return <AlertRulesView />;
}
