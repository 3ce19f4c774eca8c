'use client';

import { EmptyState } from '../../../components/ui/ui.js';
import { PickHostPage } from '../../hosts/components/pick-host-page.js';
import { HostVolumesView } from './host-volumes-view.js';

/** /volumes: pick a host, then its volumes. */
export function VolumesPageView(props: { canOperate: boolean; canBrowse: boolean }) {
  return (
    <PickHostPage
      hosts="online"
      empty={
        <EmptyState title="No host is online">Volumes are read from the host’s agent.</EmptyState>
      }
    >
      {(hostId) => <HostVolumesView hostId={hostId} {...props} />}
    </PickHostPage>
  );
}
