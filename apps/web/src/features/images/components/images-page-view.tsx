'use client';

import { EmptyState } from '../../../components/ui/ui.js';
import { PickHostPage } from '../../hosts/components/pick-host-page.js';
import { HostImagesView } from './host-images-view.js';

/** /images: pick a host, then its images and layer sharing. */
export function ImagesPageView({ canOperate }: { canOperate: boolean }) {
  return (
    <PickHostPage
      hosts="enrolled"
      empty={<EmptyState title="No enrolled hosts">Add a host first.</EmptyState>}
    >
      {(hostId) => <HostImagesView hostId={hostId} canOperate={canOperate} />}
    </PickHostPage>
  );
}
