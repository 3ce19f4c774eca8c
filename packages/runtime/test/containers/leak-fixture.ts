import { basename } from 'node:path';
import { openFixture, type Fixture } from './manager-fixture.js';
import { overlayProvider } from './helpers.js';
import type { LeakScope } from './host-snapshot.js';
import { deleteNetns, netnsName } from '../../src/network/netns.js';
import type { OciRuntime } from '../../src/oci-runtime/types.js';

/**
 * A manager fixture for leak checks: every id the engine prepares a rootfs for is recorded in
 * `ids` (so failed creates are in scope too), `scope` tells the host probes what is ours, and
 * `cleanup` removes whatever a failing run left before the fixture goes.
 */
export interface LeakFixture {
  fx: Fixture;
  scope: LeakScope;
  cleanup(): Promise<void>;
}

export async function openLeakFixture(
  ids: Set<string>,
  wrapRuntime?: (real: OciRuntime) => OciRuntime,
): Promise<LeakFixture> {
  const fx = await openFixture();
  const overlays = overlayProvider(fx.roots);
  const runtime = wrapRuntime?.(fx.manager.deps.runtime);
  fx.manager.close();
  fx.manager = (
    await fx.reopen({
      ...(runtime ? { runtime } : {}),
      rootfs: {
        prepare: (id) => (ids.add(id), overlays.prepare(id)),
        release: (id) => overlays.release(id),
      },
    })
  ).manager;
  const net = fx.manager.deps.network.config;
  const scope: LeakScope = {
    bridge: net.bridge,
    network: net.name,
    ipamDir: net.ipamDir,
    cgroupParent: fx.roots.cgroupParent,
    roots: [fx.roots.base, fx.roots.execRoot],
    ids,
  };
  return {
    fx,
    scope,
    async cleanup() {
      for (const id of ids) {
        await fx.manager.remove(id, { force: true }).catch(() => undefined);
        await fx.manager.deps.network.teardown(id).catch(() => undefined);
        await deleteNetns(netnsName(id)).catch(() => undefined);
      }
      await fx.cleanup();
    },
  };
}

/** What may stay: the engine's own directories (exits/, socks/, runc/ …) and host-local's bookkeeping files. */
export function isEngineBookkeeping(scope: LeakScope, probe: string, entry: string): boolean {
  if (probe !== 'files under the test roots') return false;
  const ours = [...scope.ids].some((id) => entry.includes(id.slice(0, 12)));
  if (entry.endsWith('/')) return !ours;
  return entry.startsWith(scope.ipamDir) && /^(lock|last_reserved_ip\.\d+)$/.test(basename(entry));
}
