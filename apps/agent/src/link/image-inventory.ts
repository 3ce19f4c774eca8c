import type { AgentEventName, AgentEventPayload } from '@berth/protocol';
import { errorMessage } from '../errors.js';
import type { ImageService } from '../images/service.js';
import type { Logger } from '@berth/log';

export interface ImageInventoryDeps {
  images: ImageService;
  emit: <E extends AgentEventName>(name: E, payload: AgentEventPayload<E>) => void;
  log: Logger;
}

/**
 * Mirrors the image list to the web: the full list as `inventory.images` after every image
 * change, and again on each (re)connect via `sync()`. Returns the unsubscribe.
 */
export function startImageInventory(deps: ImageInventoryDeps): {
  sync: () => void;
  stop: () => void;
} {
  let stopped = false;
  const sync = () => {
    if (stopped) return;
    deps.images
      .list()
      .then((images) => {
        if (!stopped) deps.emit('inventory.images', { images });
      })
      .catch((err: unknown) =>
        deps.log.warn(`inventory: cannot list images: ${errorMessage(err)}`),
      );
  };
  const off = deps.images.onChange(sync);
  return {
    sync,
    stop: () => {
      stopped = true;
      off();
    },
  };
}
