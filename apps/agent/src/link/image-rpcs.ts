import { randomUUID } from 'node:crypto';
import type { AgentEventName, AgentEventPayload } from '@berth/protocol';
import { parseReference } from '@berth/runtime';
import type { ImageService } from '../images/service.js';
import { AgentError } from '../errors.js';
import { createProgressThrottle } from './progress-throttle.js';
import type { RpcRegistry } from './rpc-registry.js';

export interface ImageRpcDeps {
  images: ImageService;
  /** Sends an agent event to the web (dropped while disconnected). */
  emit: <E extends AgentEventName>(name: E, payload: AgentEventPayload<E>) => void;
  progressIntervalMs?: number;
}

/**
 * A pull or push the web asks for may use the credentials `berth login` stored on this host only
 * when the web says so (an admin, or a registry an admin granted). Otherwise a registry that has
 * stored credentials is refused rather than reached anonymously, so the answer is clear.
 */
async function storedCredentialsAllowed(svc: ImageService, ref: string, allowed: boolean) {
  if (allowed) return;
  const registry = parseReference(ref).registry;
  if (await svc.hasCredentials(registry)) {
    throw new AgentError(
      'PERMISSION_DENIED',
      `${registry} uses registry credentials stored on this host; only an admin, or a user an admin granted ${registry} to, may use them`,
    );
  }
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
    if (!p.auth) await storedCredentialsAllowed(svc, p.ref, p.storedCredentials ?? false);
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
    if (!p.auth) await storedCredentialsAllowed(svc, p.ref, p.storedCredentials ?? false);
    return svc.push(p.ref, { credentials: p.auth });
  });
  registry.register('image.prune', () => svc.prune());
  registry.register('image.layers', () => svc.layers());
}
