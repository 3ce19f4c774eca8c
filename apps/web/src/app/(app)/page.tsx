import { OverviewView } from '@/features/overview/components/overview-view.js';
import { pagePrincipal } from '@/server/next/principal.js';

export default async function OverviewPage() {
  await pagePrincipal();
  return <OverviewView />;
}
