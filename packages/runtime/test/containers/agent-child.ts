// A stand-in agent process: opens the manager on the given roots, starts containers, prints
// their ids, then idles until the test SIGKILLs it.
import { openContainerManager } from '../../src/container/factory.js';
import { overlayProvider, type TestRoots } from './helpers.js';

const roots = JSON.parse(process.argv[2] ?? '{}') as TestRoots;
const { manager } = await openContainerManager({
  dataRoot: roots.dataRoot,
  execRoot: roots.execRoot,
  rootfs: overlayProvider(roots),
  cgroupParent: roots.cgroupParent,
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
process.stdout.write(`${JSON.stringify(ids)}\n`);
setInterval(() => undefined, 1000);
