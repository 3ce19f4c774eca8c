import type { RunSpec } from '../containers/driver.js';
import { dockerRemoveAll, dockerRest } from '../containers/docker.js';
import { onCleanup } from '../lib/cleanup.js';
import { dockerInfo, startDockerd, type DockerInfo } from '../lib/dockerd.js';
import { BenchError } from '../lib/errors.js';
import { ms } from '../lib/report.js';
import { timed } from '../lib/timing.js';
import { startFleet } from './fleet.js';
import { readMemory } from './proc.js';

export interface DockerPhase extends DockerInfo {
  readonly dockerdPid: number;
  readonly startMs: number;
  /** `docker stats --no-stream` wall times. */
  readonly cliStatsMs: number[];
  /** dockerd's RSS with the containers running (containerd and the shims not included). */
  readonly dockerdRssBytes: number;
  readonly removeAllMs: number;
}

const rows = (out: string) => out.split('\n').filter((l) => l.trim() !== '').length - 1;

/** A private dockerd (no bridge), `count` containers, `docker stats --no-stream`, cleanup. */
export async function runDockerPhase(
  image: string,
  o: { spec: RunSpec; count: number; runs: number; log: (line: string) => void },
): Promise<DockerPhase> {
  const dockerd = await startDockerd();
  const unregister = onCleanup('remove docker containers', () =>
    dockerRemoveAll(dockerd).then(() => undefined),
  );
  await dockerd.docker(['pull', '-q', image]);
  const info = await dockerInfo(dockerd);
  const fleet = await startFleet(dockerRest(dockerd), o.spec, o.count, {
    concurrency: 4,
    onProgress: (n) => o.log(`  docker: ${n}/${o.count} running`),
  });
  o.log(`docker: ${o.count} containers started in ${ms(fleet.ms)}`);
  const cliStatsMs: number[] = [];
  for (let i = 0; i < o.runs; i++) {
    const t = await timed(() => dockerd.docker(['stats', '--no-stream']));
    if (rows(t.value) !== o.count)
      throw new BenchError(`docker stats --no-stream listed ${rows(t.value)} of ${o.count}`);
    cliStatsMs.push(t.ms);
  }
  const dockerdRssBytes = (await readMemory(dockerd.pid)).rss;
  const removed = await timed(() => dockerRemoveAll(dockerd));
  unregister();
  await dockerd.stop();
  return {
    ...info,
    dockerdPid: dockerd.pid,
    startMs: fleet.ms,
    cliStatsMs,
    dockerdRssBytes,
    removeAllMs: removed.ms,
  };
}
