import { pagePrincipal } from '@/server/next/principal.js';
import { can } from '@/lib/roles.js';
import { AlertsView } from '@/features/alerts/components/alerts-view.js';

export default async function AlertsPage() {
  const p = await pagePrincipal();
  return <AlertsView canManage={can(p.role, 'alerts.manage')} now={Date.now()} />;
}
