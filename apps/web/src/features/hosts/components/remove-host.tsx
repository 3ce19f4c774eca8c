'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button, ErrorText } from '../../../components/ui/ui.js';
import { Dialog } from '../../../components/ui/dialog.js';
import { useContainers } from '../../containers/queries/use-containers.js';
import { useRemoveHost } from '../queries/use-remove-host.js';
import type { HostViewModel } from '../host-view-model.js';

/**
 * "Remove host" (admin): after confirmation the host leaves the dashboard with its mirrored
 * containers, images, networks and stats history. An online host's agent is cut off first.
 */
export function RemoveHost({ vm }: { vm: HostViewModel }) {
  const router = useRouter();
  const remove = useRemoveHost(vm.id);
  const containers = useContainers();
  const [confirming, setConfirming] = useState(false);
  const count = (containers.data ?? []).filter((c) => c.hostId === vm.id).length;
  return (
    <div>
      <Button variant="danger" onClick={() => setConfirming(true)}>
        Remove host
      </Button>
      <Dialog open={confirming} onClose={() => setConfirming(false)} title={`Remove ${vm.name}?`}>
        <p className="text-sm">
          {vm.name} leaves the dashboard with what was mirrored from it:{' '}
          {count === 1 ? '1 container' : `${count} containers`}, its images, networks and stats
          history.{' '}
          {vm.status === 'online'
            ? 'Its agent is disconnected at once and its credential stops working.'
            : 'If its agent comes back, its credential no longer works.'}{' '}
          Containers on the machine itself are not touched.
        </p>
        <ErrorText error={remove.error} />
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={() => setConfirming(false)}>
            Cancel
          </Button>
          <Button
            variant="danger"
            disabled={remove.isPending}
            onClick={() =>
              remove.mutate(undefined, {
                onSuccess: () => {
                  setConfirming(false);
                  router.push('/hosts');
                },
              })
            }
          >
            Remove
          </Button>
        </div>
      </Dialog>
    </div>
  );
}
