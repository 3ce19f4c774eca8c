'use client';

import { useState } from 'react';
import { Button } from '../../../components/ui/ui.js';
import type { ContainerDto } from '../../../lib/dto/container.js';
import { useContainerAction, type RowAction } from '../queries/use-container-action.js';
import {
  ConfirmAction,
  actionLabel,
  isDestructive,
  type PendingConfirm,
} from './confirm-action.js';

/** Which actions make sense in a state (none while one is under way). */
export function availableActions(
  state: ContainerDto['state'],
  transition: ContainerDto['transition'] = null,
): RowAction[] {
  if (transition) return [];
  switch (state) {
    case 'running':
      return ['stop', 'restart', 'pause', 'kill', 'remove'];
    case 'paused':
      return ['unpause', 'stop', 'kill', 'remove'];
    case 'created':
    case 'exited':
      return ['start', 'remove'];
    case 'removing':
      return [];
  }
}

/**
 * The action buttons of one container (header of its page, or compact in a list row).
 * Destructive ones confirm first; the rest run on one click. While its host cannot be asked
 * they are disabled, with the reason (`blocked`) beside them.
 */
export function ContainerActions({
  container,
  compact = false,
  blocked = null,
  onRemoved,
}: {
  container: ContainerDto;
  compact?: boolean;
  blocked?: string | null;
  onRemoved?: () => void;
}) {
  const mutation = useContainerAction();
  const [pending, setPending] = useState<PendingConfirm | null>(null);
  const actions = availableActions(container.state, container.transition).filter(
    (a) => !compact || a !== 'kill',
  );
  function run(action: RowAction, force = false) {
    mutation.mutate(
      { container, action, force },
      { onSuccess: () => (action === 'remove' ? onRemoved?.() : undefined) },
    );
  }
  return (
    <div className="flex flex-col items-end gap-1">
      <div className="flex flex-wrap gap-1">
        {actions.map((a) => (
          <Button
            key={a}
            variant={a === 'remove' || a === 'kill' ? 'danger' : 'secondary'}
            className={compact ? '!px-2 !py-0.5 text-xs' : ''}
            aria-label={compact ? `${actionLabel(a)} ${container.name}` : undefined}
            disabled={
              blocked !== null ||
              (mutation.isPending && mutation.variables?.container.id === container.id)
            }
            title={blocked ?? undefined}
            onClick={(e) => {
              e.stopPropagation();
              if (isDestructive(a))
                setPending({ action: a, names: [container.name], run: (f) => run(a, f) });
              else run(a);
            }}
          >
            {actionLabel(a)}
          </Button>
        ))}
      </div>
      {blocked ? (
        <p data-testid="actions-blocked" className="max-w-sm text-right text-xs text-slate-500">
          {container.transition ? `${blocked}` : `Actions unavailable: ${blocked}.`}
        </p>
      ) : null}
      <ConfirmAction pending={pending} onClose={() => setPending(null)} />
    </div>
  );
}
