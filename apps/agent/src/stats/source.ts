import type { StatsBatchSample } from '@berth/protocol';
import type { ContainerService } from '../containers/service.js';
import { toContainerStats } from '../containers/stats.js';
import type { LiveSample } from './sampler.js';
import type { StatsSource } from './tracked.js';

/** The container service as the sampler's source: live = running or paused (cgroup exists). */
export function statsSourceFor(svc: ContainerService): StatsSource {
  return {
    containers: () => svc.statsTargets(),
    open: (id) => svc.openStats(id),
  };
}

/** A sampler sample → the wire's batch sample: the sampler's CPU percentages and rates, not a second series. */
export function toBatchSample(s: LiveSample, name: string, onlineCpus: number): StatsBatchSample {
  const dto = toContainerStats({ id: s.containerId, name }, s.stats, null, onlineCpus);
  return {
    ...dto,
    cpu: { ...dto.cpu, percentOfHost: s.cpuPercent, percentOfLimit: s.cpuPercentOfLimit },
    containerId: s.containerId,
    rates: {
      ioReadRate: s.ioReadRate,
      ioWriteRate: s.ioWriteRate,
      netRxRate: s.netRxRate,
      netTxRate: s.netTxRate,
      throttledMsPerSec: s.throttledMsPerSec,
    },
  };
}
