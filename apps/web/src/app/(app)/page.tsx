import { OverviewView } from '@/features/hosts/components/overview-view.js';

export default function OverviewPage() {
  return <OverviewView />;
}
