import { OverviewView } from '@/features/overview/components/overview-view.js';

export default function OverviewPage() {
  return <OverviewView />;
}
