'use client';

import { useState } from 'react';
import { Dialog } from '../../../components/ui/dialog.js';
import { Button } from '../../../components/ui/ui.js';
import type { RowAction } from '../queries/use-container-action.js';

/** Actions that lose work or state and therefore ask first. */
export function isDestructive(action: RowAction): boolean {
  return action === 'stop' || action === 'remove' || action === 'kill';
}

const verbs: Record<RowAction, string> = {
  start: 'Start',
  stop: 'Stop',
  restart: 'Restart',
  pause: 'Pause',
  unpause: 'Unpause',
  kill: 'Kill',
  remove: 'Remove',
};

export function actionLabel(action: RowAction): string {
  return verbs[action];
}

export interface PendingConfirm {
  action: RowAction;
  names: string[];
  run: (force: boolean) => void;
}

/** "Stop web?" with Cancel / the action; removing a live container offers force. */
export function ConfirmAction({
  pending,
  onClose,
}: {
  pending: PendingConfirm | null;
  onClose: () => void;
}) {
  const [force, setForce] = useState(false);
  const what =
    pending && pending.names.length === 1
      ? pending.names[0]
      : `${pending?.names.length ?? 0} containers`;
  return (
    <Dialog
      open={pending !== null}
      onClose={() => {
        setForce(false);
        onClose();
      }}
      title={pending ? `${actionLabel(pending.action)} ${what}?` : ''}
    >
      {pending ? (
        <>
          <p className="text-sm">
            {pending.action === 'remove'
              ? 'The container and its writable layer are deleted. Named volumes are kept.'
              : pending.action === 'kill'
                ? 'The main process gets SIGKILL at once.'
                : 'The main process gets its stop signal, then SIGKILL after the timeout.'}
          </p>
          {pending.names.length > 1 ? (
            <p className="max-h-32 overflow-auto font-mono text-xs text-slate-500">
              {pending.names.join(', ')}
            </p>
          ) : null}
          {pending.action === 'remove' ? (
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} />
              Force (stop running containers first)
            </label>
          ) : null}
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={onClose}>
              Cancel
            </Button>
            <Button
              variant="danger"
              autoFocus
              onClick={() => {
                pending.run(force);
                setForce(false);
                onClose();
              }}
            >
              {actionLabel(pending.action)}
            </Button>
          </div>
        </>
      ) : null}
    </Dialog>
  );
}
