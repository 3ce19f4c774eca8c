'use client';

import { useState } from 'react';
import { Button, ErrorText } from '../../../components/ui/ui.js';
import { Dialog } from '../../../components/ui/dialog.js';
import { useUpgradeHost } from '../queries/use-upgrade-host.js';
import type { HostViewModel } from '../host-view-model.js';

const toneClass = {
  gray: 'text-slate-500',
  green: 'text-green-700 dark:text-green-400',
  red: 'text-red-700 dark:text-red-400',
};

/** Admin: upgrade this host's agent to the served release (confirmed), and the last upgrade. */
export function UpgradeAction({ vm }: { vm: HostViewModel }) {
  const upgrade = useUpgradeHost(vm.id);
  const [confirming, setConfirming] = useState(false);
  return (
    <div className="space-y-2">
      {vm.upgrade ? (
        <p data-testid="host-upgrade" className={`text-sm ${toneClass[vm.upgrade.tone]}`}>
          {vm.upgrade.text}
        </p>
      ) : null}
      {vm.upgradeTo ? (
        <Button variant="secondary" onClick={() => setConfirming(true)}>
          Upgrade agent to {vm.upgradeTo}
        </Button>
      ) : null}
      <ErrorText error={upgrade.error} />
      <Dialog
        open={confirming}
        onClose={() => setConfirming(false)}
        title={`Upgrade ${vm.name} to ${vm.upgradeTo ?? ''}?`}
      >
        <p className="text-sm">
          The agent downloads the release this web serves, checks its sha256, and restarts into it.
          Containers keep running. If the new agent does not connect in time, the previous one is
          put back and the failure shows here.
        </p>
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={() => setConfirming(false)}>
            Cancel
          </Button>
          <Button
            disabled={upgrade.isPending}
            onClick={() => upgrade.mutate(undefined, { onSettled: () => setConfirming(false) })}
          >
            Upgrade
          </Button>
        </div>
      </Dialog>
    </div>
  );
}
