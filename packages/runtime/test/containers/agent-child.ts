// A stand-in agent process: opens the manager on the given roots, starts containers, prints
// their ids and its spawner shell's pid, then idles until the test SIGKILLs it.
import { openContainerManager } from '../../src/container/factory.js';
import { existsSync } from 'node:fs';
import { netnsName } from '../../src/network/netns.js';
import { sharedSpawner } from '../../src/spawner/spawner.js';
import { overlayProvider, poolIds, waitFor, type TestRoots } from './helpers.js';

const roots = JSON.parse(process.argv[2] ?? '{}') as TestRoots;
const { manager } = await openContainerManager({
  dataRoot: roots.dataRoot,
  execRoot: roots.execRoot,
  rootfs: overlayProvider(roots),
  cgroupParent: roots.cgroupParent,
  // as the agent runs: the test checks that a crash leaves none of the pool's namespaces
  bridge: { netnsPool: 2 },
});
const ids: Record<string, string> = {};
for (const [name, restart] of [
  ['exits-while-down', 'no'],
  ['always', 'always'],
  ['keeps-running', 'no'],
] as const) {
  const c = await manager.create({
    image: { config: { cmd: ['sleep', '1000'] } },
    options: { name, network: 'none', restart },
  });
  await manager.start(c.id);
  ids[name] = c.id;
}
// the pool has refilled (300 ms after the last take): no refill is under way at the kill
await waitFor(() => {
  const listed = poolIds(roots.dataRoot);
  const ours = Object.values(ids);
  return listed.length === 2 &&
    !listed.some((id) => ours.includes(id)) &&
    listed.every((id) => existsSync(`/var/run/netns/${netnsName(id)}`))
    ? listed
    : null;
}, 'pool refilled');
process.stdout.write(`${JSON.stringify({ ids, spawnerPid: sharedSpawner().pid })}\n`);
setInterval(() => undefined, 1000);
