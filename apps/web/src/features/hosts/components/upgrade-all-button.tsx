'use client';

import { useState } from 'react';
import { Button, ErrorText } from '../../../components/ui/ui.js';
import { Dialog } from '../../../components/ui/dialog.js';
import { useUpgradeAll } from '../queries/use-upgrade-all.js';

/** Admin: upgrade every host behind the served release, then list how each request went. */
export function UpgradeAllButton({ count, version }: { count: number; version: string }) {
  const upgrade = useUpgradeAll();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)}>
        Upgrade all ({count})
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title={`Upgrade ${count} hosts to ${version}?`}
      >
        {upgrade.data ? (
          <ul className="space-y-1 text-sm" data-testid="upgrade-all-results">
            {upgrade.data.map((r) => (
              <li key={r.hostId} className={r.ok ? '' : 'text-red-700 dark:text-red-400'}>
                {r.name}:{' '}
                {r.ok ? `upgrading ${r.fromVersion ?? '?'} → ${r.toVersion ?? '?'}` : r.error}
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm">
            Each agent downloads the release, checks its sha256 and restarts into it, one host after
            the other; containers keep running, and an agent that does not come back is rolled back.
          </p>
        )}
        <ErrorText error={upgrade.error} />
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={() => setOpen(false)}>
            Close
          </Button>
          {upgrade.data ? null : (
            <Button disabled={upgrade.isPending} onClick={() => upgrade.mutate()}>
              Upgrade all
            </Button>
          )}
        </div>
      </Dialog>
    </>
  );
}
