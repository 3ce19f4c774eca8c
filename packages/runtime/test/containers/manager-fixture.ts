import { execFileSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { openContainerManager, type OpenContainersOptions } from '../../src/container/factory.js';
import type { ContainerManager } from '../../src/container/manager.js';
import type { ContainerEvent } from '../../src/container/deps.js';
import { makeTestRoots, overlayProvider, type TestRoots } from './helpers.js';

export interface Fixture {
  roots: TestRoots;
  manager: ContainerManager;
  events: ContainerEvent[];
  bridge: string;
  subnet: string;
  /** Opens another manager on the same roots (the caller closes the old one). */
  reopen(
    overrides?: Partial<OpenContainersOptions>,
  ): Promise<Awaited<ReturnType<typeof openContainerManager>>>;
  cleanup(): Promise<void>;
}

export function bridgeSettings(roots: TestRoots) {
  const tag = roots.cgroupParent.slice(-8);
  return {
    name: `berth-test-${tag}`,
    bridge: `bt${tag}`,
    subnet: `10.${200 + randomInt(50)}.${randomInt(255)}.0/24`,
  };
}

/** `netnsPool`: namespaces made ahead (the agent's setting; off by default here). */
export async function openFixture(o: { netnsPool?: number } = {}): Promise<Fixture> {
  const roots = makeTestRoots();
  const events: ContainerEvent[] = [];
  const bridge = { ...bridgeSettings(roots), ...(o.netnsPool ? { netnsPool: o.netnsPool } : {}) };
  const open = (overrides: Partial<OpenContainersOptions> = {}) =>
    openContainerManager({
      dataRoot: roots.dataRoot,
      execRoot: roots.execRoot,
      rootfs: overlayProvider(roots),
      cgroupParent: roots.cgroupParent,
      bridge,
      exitPollMs: 200,
      onEvent: (e) => events.push(e),
      ...overrides,
    });
  const { manager } = await open();
  const fx: Fixture = {
    roots,
    manager,
    events,
    bridge: bridge.bridge,
    subnet: bridge.subnet,
    reopen: open,
    async cleanup() {
      for (const c of fx.manager.list())
        await fx.manager.remove(c.id, { force: true }).catch(() => undefined);
      await fx.manager.close();
      try {
        execFileSync('ip', ['link', 'del', bridge.bridge], { stdio: 'ignore' });
      } catch {
        /* never created */
      }
      roots.cleanup();
    },
  };
  return fx;
}
