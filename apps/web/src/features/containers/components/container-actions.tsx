'use client';

import { useState } from 'react';
import { Button } from '../../../app/_components/ui.js';
import type { ContainerDto } from '../../../lib/dto/container.js';
import { useContainerAction, type RowAction } from '../queries/use-container-action.js';
import {
  ConfirmAction,
  actionLabel,
  isDestructive,
  type PendingConfirm,
} from './confirm-action.js';

/** Which actions make sense in a state. */
export function availableActions(state: ContainerDto['state']): RowAction[] {
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
 * Destructive ones confirm first; the rest run on one click.
 */
export function ContainerActions({
  container,
  compact = false,
  onRemoved,
}: {
  container: ContainerDto;
  compact?: boolean;
  onRemoved?: () => void;
}) {
  const mutation = useContainerAction();
  const [pending, setPending] = useState<PendingConfirm | null>(null);
  const actions = availableActions(container.state).filter((a) => !compact || a !== 'kill');
  function run(action: RowAction, force = false) {
    mutation.mutate(
      { container, action, force },
      { onSuccess: () => (action === 'remove' ? onRemoved?.() : undefined) },
    );
  }
  return (
    <div className="flex flex-wrap gap-1">
      {actions.map((a) => (
        <Button
          key={a}
          variant={a === 'remove' || a === 'kill' ? 'danger' : 'secondary'}
          className={compact ? '!px-2 !py-0.5 text-xs' : ''}
          aria-label={compact ? `${actionLabel(a)} ${container.name}` : undefined}
          disabled={mutation.isPending && mutation.variables?.container.id === container.id}
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
      <ConfirmAction pending={pending} onClose={() => setPending(null)} />
    </div>
  );
}
