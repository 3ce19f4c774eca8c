import { randomUUID } from 'node:crypto';
import type { AgentEventName, AgentEventPayload } from '@berth/protocol';
import type { ImageService } from '../images/service.js';
import { assertStoredCredentialsAllowed } from '../images/stored-credentials.js';
import { createProgressThrottle } from './progress-throttle.js';
import type { RpcRegistry } from './rpc-registry.js';

export interface ImageRpcDeps {
  images: ImageService;
  /** Sends an agent event to the web (dropped while disconnected). */
  emit: <E extends AgentEventName>(name: E, payload: AgentEventPayload<E>) => void;
  progressIntervalMs?: number;
}

/**
 * `image.*` RPCs for the web; pull progress goes out as `image.pull.progress` events. A pull or
 * push may carry `auth` (credentials an admin stored in the web): used for that one transfer,
 * before anything `berth login` stored, and never written to the host or logged.
 */
export function registerImageRpcs(registry: RpcRegistry, deps: ImageRpcDeps): void {
  const svc = deps.images;
  registry.register('image.list', (p) =>
    svc.list({ dangling: p.dangling }).then((images) => ({ images })),
  );
  registry.register('image.inspect', (p) => svc.inspect(p.ref));
  registry.register('image.pull', async (p) => {
    // Credentials the web sent are this pull's own: the stored ones are not used, so not checked.
    if (!p.auth) await assertStoredCredentialsAllowed(svc, p.ref, p.storedCredentials ?? false);
    const pullId = p.pullId ?? randomUUID();
    const pass = createProgressThrottle(deps.progressIntervalMs ?? 250);
    const image = await svc.pull(p.ref, {
      platform: p.platform,
      credentials: p.auth,
      onProgress: (pr) => {
        if (pass(pr)) deps.emit('image.pull.progress', { pullId, ref: p.ref, ...pr });
      },
    });
    return { pullId, image };
  });
  registry.register('image.remove', (p) => svc.remove(p.ref, p.force ?? false));
  registry.register('image.tag', (p) => svc.tag(p.source, p.target));
  registry.register('image.push', async (p) => {
    if (!p.auth) await assertStoredCredentialsAllowed(svc, p.ref, p.storedCredentials ?? false);
    return svc.push(p.ref, { credentials: p.auth });
  });
  registry.register('image.prune', () => svc.prune());
  registry.register('image.layers', () => svc.layers());
}
