import type { AgentEventName, AgentEventPayload, ContainerEvent } from '@berth/protocol';
import type { ContainerService } from '../containers/service.js';
import { errorMessage } from '../errors.js';
import type { Logger } from '@berth/log';

export interface ContainerInventoryDeps {
  containers: ContainerService;
  emit: <E extends AgentEventName>(name: E, payload: AgentEventPayload<E>) => void;
  log: Logger;
  /** Extra listeners of container events (e.g. terminals ending when their container stops). */
  onEvent?: (e: ContainerEvent) => void;
  debounceMs?: number;
}

/**
 * Mirrors containers to the web: each lifecycle event as `container.event` at once, and the full
 * list as `inventory.containers` on `sync()` (each connect) and `debounceMs` after changes.
 */
export function startContainerInventory(deps: ContainerInventoryDeps): {
  sync: () => void;
  stop: () => void;
} {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const sync = () => {
    clearTimeout(timer);
    timer = undefined;
    if (stopped) return;
    try {
      deps.emit('inventory.containers', { containers: deps.containers.list(true) });
    } catch (err) {
      deps.log.warn(`inventory: cannot list containers: ${errorMessage(err)}`);
    }
  };
  const off = deps.containers.events.subscribe((e) => {
    if (e.kind !== 'container' || stopped) return;
    deps.emit('container.event', e);
    deps.onEvent?.(e);
    timer ??= setTimeout(sync, deps.debounceMs ?? 100);
  });
  return {
    sync,
    stop: () => {
      stopped = true;
      clearTimeout(timer);
      off();
    },
  };
}
