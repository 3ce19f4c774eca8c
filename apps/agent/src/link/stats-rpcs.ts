import type { ContainerService } from '../containers/service.js';
import type { StatsSampler } from '../stats/sampler.js';
import type { RpcRegistry } from './rpc-registry.js';

/** `stats.*` RPCs: subscriptions of the live stream and the sampler's 15-minute history. */
export function registerStatsRpcs(
  registry: RpcRegistry,
  deps: { sampler: StatsSampler; containers: ContainerService },
): void {
  const subs = deps.sampler.subscriptions;
  const resolve = (refs: readonly string[]) => {
    const ids: string[] = [];
    const unknown: string[] = [];
    for (const ref of refs) {
      try {
        ids.push(deps.containers.resolveId(ref));
      } catch {
        unknown.push(ref);
      }
    }
    return { ids, unknown };
  };
  const state = (unknown: string[]) => ({ containerIds: subs.ids(), unknown, host: subs.host });
  registry.register('stats.subscribe', (p) => {
    const { ids, unknown } = resolve(p.containerIds);
    subs.add(ids, p.host);
    return state(unknown);
  });
  registry.register('stats.unsubscribe', (p) => {
    if (p.all) subs.clear();
    const { ids, unknown } = resolve(p.containerIds);
    subs.remove(ids, p.host);
    return state(unknown);
  });
  registry.register('stats.history', (p) => {
    const id = deps.containers.resolveId(p.containerId);
    return {
      containerId: id,
      intervalMs: deps.sampler.intervalMs,
      points: deps.sampler.history(id, p.sinceMs),
    };
  });
  registry.register('stats.hostHistory', (p) => ({
    intervalMs: deps.sampler.intervalMs,
    points: deps.sampler.hostHistory(p.sinceMs),
  }));
}
