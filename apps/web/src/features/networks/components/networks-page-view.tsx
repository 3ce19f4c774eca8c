'use client';

import { EmptyState } from '../../../components/ui/ui.js';
import { PickHostPage } from '../../hosts/components/pick-host-page.js';
import { HostNetworksView } from './host-networks-view.js';

/** /networks: pick a host, then its networks. */
export function NetworksPageView({ canOperate }: { canOperate: boolean }) {
  return (
    <PickHostPage
      hosts="enrolled"
      empty={<EmptyState title="No enrolled hosts">Add a host first.</EmptyState>}
    >
      {(hostId) => <HostNetworksView hostId={hostId} canOperate={canOperate} />}
    </PickHostPage>
  );
}
