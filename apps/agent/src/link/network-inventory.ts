import type { AgentEventName, AgentEventPayload, EngineEvent } from '@berth/protocol';
import type { EventBus } from '../containers/events.js';
import { errorMessage } from '../errors.js';
import type { NetworkService } from '../networks/service.js';
import type { Logger } from '@berth/log';

export interface NetworkInventoryDeps {
  networks: NetworkService;
  events: EventBus;
  emit: <E extends AgentEventName>(name: E, payload: AgentEventPayload<E>) => void;
  log: Logger;
  debounceMs?: number;
}

/** Events after which the network list (with its containers' names and addresses) changes. */
const changesNetworks = (e: EngineEvent) =>
  e.kind === 'network' ||
  (e.kind === 'container' && ['create', 'destroy', 'rename'].includes(e.type));

/**
 * Mirrors the networks to the web: the full list as `inventory.networks` on `sync()` (each
 * connect) and `debounceMs` after a network or container-membership change.
 */
export function startNetworkInventory(deps: NetworkInventoryDeps): {
  sync: () => void;
  stop: () => void;
} {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const sync = () => {
    clearTimeout(timer);
    timer = undefined;
    if (stopped) return;
    deps.networks
      .list()
      .then((networks) => {
        if (!stopped) deps.emit('inventory.networks', { networks });
      })
      .catch((err: unknown) =>
        deps.log.warn(`inventory: cannot list networks: ${errorMessage(err)}`),
      );
  };
  const off = deps.events.subscribe((e) => {
    if (stopped || !changesNetworks(e)) return;
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
