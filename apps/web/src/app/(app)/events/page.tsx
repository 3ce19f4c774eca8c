import { pagePrincipal } from '@/server/next/principal.js';
import { EventsView } from '@/features/events/components/events-view.js';
import { can } from '@/lib/roles.js';

export default async function EventsPage() {
  const p = await pagePrincipal();
  return <EventsView canReadAudit={can(p.role, 'audit.read')} />;
}
