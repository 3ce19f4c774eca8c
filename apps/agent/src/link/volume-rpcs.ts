import type { ContainerService } from '../containers/service.js';
import { browseVolume, readVolumeFile } from '../volumes/browser.js';
import type { RpcRegistry } from './rpc-registry.js';

/** `volume.*` RPCs for the web: the container service's volumes and the read-only browser. */
export function registerVolumeRpcs(
  registry: RpcRegistry,
  deps: { containers: ContainerService },
): void {
  const c = deps.containers;
  registry.register('volume.list', async () => ({ volumes: await c.volumes() }));
  registry.register('volume.inspect', (p) => c.volume(p.name));
  registry.register('volume.create', (p) => c.createVolume(p.name, p.labels));
  registry.register('volume.remove', async (p) => {
    await c.removeVolume(p.name, p.force ?? false);
    return { removed: p.name };
  });
  registry.register('volume.browse', async (p) =>
    browseVolume((await c.volume(p.name)).mountpoint, p.path),
  );
  registry.register('volume.read', async (p) =>
    readVolumeFile((await c.volume(p.name)).mountpoint, p.path, p.offset, p.length),
  );
}
