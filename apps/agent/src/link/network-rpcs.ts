import type { NetworkService } from '../networks/service.js';
import type { RpcRegistry } from './rpc-registry.js';

/** `network.*` RPCs for the web: the same service as the REST routes. */
export function registerNetworkRpcs(
  registry: RpcRegistry,
  deps: { networks: NetworkService },
): void {
  const svc = deps.networks;
  registry.register('network.list', async () => ({ networks: await svc.list() }));
  registry.register('network.inspect', (p) => svc.inspect(p.ref));
  registry.register('network.create', (p) => svc.create(p));
  registry.register('network.remove', async (p) => ({ removed: [await svc.remove(p.ref)] }));
  registry.register('network.prune', async () => ({ removed: await svc.prune() }));
  registry.register('network.connect', ({ ref, ...req }) => svc.connect(ref, req));
  registry.register('network.disconnect', (p) => svc.disconnect(p.ref, p.container));
}
