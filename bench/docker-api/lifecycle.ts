import type { ContainerDriver, NetworkMode } from '../containers/driver.js';
import { measureLifecycles, type LifecycleSamples } from '../start/rounds.js';
import type { DockerClient } from './clients.js';

/** `docker run -d`, then `docker stop -t 0` + `docker rm`: the same client on either engine. */
export function cliDriver(c: DockerClient): ContainerDriver {
  return {
    label: c.engine,
    run: async (spec) =>
      (await c.docker(['run', '-d', '--network', spec.network, spec.image, ...spec.cmd])).trim(),
    async remove(id) {
      await c.docker(['stop', '-t', '0', id]);
      await c.docker(['rm', id]);
    },
  };
}

/** Rounds of run -d / stop + rm on both engines, in rotating order; samples per engine. */
export function measureRunRemove(
  clients: readonly DockerClient[],
  image: string,
  network: NetworkMode,
  opts: { runs: number; warmup: number; log: (line: string) => void },
): Promise<Map<string, LifecycleSamples>> {
  const spec = { image, cmd: ['sleep', '3600'], network };
  return measureLifecycles(clients.map(cliDriver), spec, opts);
}
