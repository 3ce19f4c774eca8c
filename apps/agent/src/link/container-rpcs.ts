import { CONTAINER_LOGS_MAX_ENTRIES } from '@berth/protocol';
import type { LogLine } from '@berth/protocol';
import type { ContainerService } from '../containers/service.js';
import { replaceContainer } from '../containers/replace.js';
import type { HostPolicyGate } from '../policy/host-policy.js';
import type { RpcRegistry } from './rpc-registry.js';

/**
 * `container.*` RPCs for the web: thin calls into the container service. Creates and updates
 * pass the host owner's policy first: the web is a remote party, and this host has the last word.
 */
export function registerContainerRpcs(
  registry: RpcRegistry,
  deps: { containers: ContainerService; policy: HostPolicyGate },
): void {
  const svc = deps.containers;
  const { policy } = deps;
  registry.register('container.list', (p) => ({ containers: svc.list(p.all ?? true) }));
  registry.register('container.inspect', (p) => svc.inspect(p.ref));
  registry.register('container.create', async (p) => svc.create(await policy.vetCreate(p)));
  registry.register('container.start', (p) => svc.start(p.ref));
  registry.register('container.stop', (p) => svc.stop(p.ref, p.timeout));
  registry.register('container.restart', (p) => svc.restart(p.ref, p.timeout));
  registry.register('container.kill', (p) => svc.kill(p.ref, p.signal));
  registry.register('container.pause', (p) => svc.pause(p.ref));
  registry.register('container.unpause', (p) => svc.unpause(p.ref));
  registry.register('container.remove', async (p) => {
    const id = svc.resolveId(p.ref);
    await svc.remove(id, p.force ?? false);
    return { id };
  });
  registry.register('container.rename', (p) => svc.rename(p.ref, p.name));
  registry.register('container.replace', async (p) =>
    replaceContainer(svc, p.ref, await policy.vetCreate(p.request), p.start ?? true),
  );
  registry.register('container.update', (p) => {
    policy.vetUpdate(p.update);
    return svc.update(p.ref, p.update);
  });
  registry.register('container.top', (p) => svc.top(p.ref));
  registry.register('container.logs', async (p) => {
    const limit = Math.min(p.tail ?? CONTAINER_LOGS_MAX_ENTRIES, CONTAINER_LOGS_MAX_ENTRIES);
    const entries: LogLine[] = [];
    // one more than asked tells whether older entries were left out
    for await (const line of svc.logs(p.ref, {
      tail: limit + 1,
      since: p.since === undefined ? undefined : new Date(p.since),
      stdout: p.stdout,
      stderr: p.stderr,
    })) {
      entries.push(line);
    }
    const truncated = entries.length > limit;
    return { entries: truncated ? entries.slice(entries.length - limit) : entries, truncated };
  });
}
