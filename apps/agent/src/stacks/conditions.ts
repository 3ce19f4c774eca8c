import type { DependsOnCondition } from '@berth/compose';
import type { ContainerSummary } from '@berth/protocol';

export type ConditionState = { met: true } | { met: false; failed: string | null };

/**
 * Pure: whether a dependency's containers satisfy `condition` now — `failed` says why it never
 * will (exited, unhealthy, no health check, a non-zero exit), null = keep waiting.
 */
export function conditionState(
  condition: DependsOnCondition,
  containers: readonly ContainerSummary[],
  hasHealthcheck: (c: ContainerSummary) => boolean,
): ConditionState {
  for (const c of containers) {
    const s = one(condition, c, hasHealthcheck);
    if (!s.met) return s;
  }
  return { met: true };
}

function one(
  condition: DependsOnCondition,
  c: ContainerSummary,
  hasHealthcheck: (c: ContainerSummary) => boolean,
): ConditionState {
  switch (condition) {
    case 'service_started':
      return c.state === 'running' || c.state === 'exited'
        ? { met: true }
        : { met: false, failed: null };
    case 'service_healthy':
      if (!hasHealthcheck(c))
        return { met: false, failed: `container ${c.name} has no healthcheck configured` };
      if (c.state === 'exited')
        return { met: false, failed: `container ${c.name} exited (${c.exitCode ?? 0})` };
      if (c.health === 'unhealthy')
        return { met: false, failed: `container ${c.name} is unhealthy` };
      return c.health === 'healthy' ? { met: true } : { met: false, failed: null };
    case 'service_completed_successfully':
      if (c.state !== 'exited') return { met: false, failed: null };
      return c.exitCode === 0
        ? { met: true }
        : { met: false, failed: `container ${c.name} exited (${c.exitCode ?? 0})` };
  }
}

/** Pure: a container with a health check on its way to `--wait`'s goal. */
export function healthState(
  c: ContainerSummary,
): 'healthy' | 'waiting' | 'is unhealthy' | 'exited' {
  if (c.state === 'exited') return 'exited';
  if (c.health === 'unhealthy') return 'is unhealthy';
  return c.health === 'healthy' ? 'healthy' : 'waiting';
}
