import type { StackOperationEndEvent, StackProgressEvent } from '../../lib/dto/stack.js';

/**
 * Pure: an operation's `stacks.progress` events → one row per service with its phases (pull,
 * create, start, healthy), the way the deploy dialog shows them. Container names map to services
 * by Compose's naming (`<project>-<service>-<n>`); images map through what the caller knows of
 * the services' images.
 */
export const phases = ['pull', 'create', 'start', 'healthy'] as const;
export type Phase = (typeof phases)[number];
export type PhaseState = 'waiting' | 'active' | 'done' | 'skipped' | 'failed';

export interface ServiceProgress {
  service: string;
  phases: Record<Phase, PhaseState>;
  /** The last thing the agent said about it. */
  last: string;
}

export interface DeployProgress {
  services: ServiceProgress[];
  /** Lines that are about no one service (networks, volumes, warnings). */
  other: string[];
  state: 'running' | 'done' | 'failed';
  error: string | null;
}

export interface ProgressContext {
  project: string;
  /** Service → its image, when known (image steps then show on each service using it). */
  images: Readonly<Record<string, string>>;
  /** Services with a health check (the others skip the healthy phase when done). */
  healthchecks: ReadonlySet<string>;
}

/** Pure: `shop-web-1` → `web` for project `shop`; null for another naming. */
export function serviceOfContainer(project: string, container: string): string | null {
  const prefix = `${project}-`;
  if (!container.startsWith(prefix)) return null;
  const m = /^(.+)-\d+$/.exec(container.slice(prefix.length));
  return m ? m[1]! : null;
}

const fresh = (service: string): ServiceProgress => ({
  service,
  phases: { pull: 'waiting', create: 'waiting', start: 'waiting', healthy: 'waiting' },
  last: 'waiting',
});

export function initialProgress(ctx: ProgressContext): DeployProgress {
  return {
    services: Object.keys(ctx.images)
      .sort()
      .map((s) => fresh(s)),
    other: [],
    state: 'running',
    error: null,
  };
}

function touch(
  p: DeployProgress,
  service: string,
  change: Partial<Record<Phase, PhaseState>>,
  last: string,
): DeployProgress {
  const exists = p.services.some((s) => s.service === service);
  const services = (exists ? p.services : [...p.services, fresh(service)]).map((s) =>
    s.service === service ? { ...s, phases: { ...s.phases, ...change }, last } : s,
  );
  return { ...p, services };
}

/** Pure: one progress event applied. */
export function applyProgress(
  p: DeployProgress,
  e: Pick<StackProgressEvent, 'kind' | 'name' | 'status'>,
  ctx: ProgressContext,
): DeployProgress {
  if (e.kind === 'image') {
    const users = Object.entries(ctx.images)
      .filter(([, image]) => image === e.name)
      .map(([s]) => s);
    const state: PhaseState = e.status === 'Pulled' ? 'done' : 'active';
    if (users.length === 0) return { ...p, other: [...p.other, `Image ${e.name} ${e.status}`] };
    return users.reduce(
      (acc, s) => touch(acc, s, { pull: state }, `image ${e.status.toLowerCase()}`),
      p,
    );
  }
  if (e.kind !== 'container')
    return { ...p, other: [...p.other, `${label(e.kind)} ${e.name} ${e.status}`] };
  const service = serviceOfContainer(ctx.project, e.name);
  if (service === null) return { ...p, other: [...p.other, `Container ${e.name} ${e.status}`] };
  const s = e.status;
  const change: Partial<Record<Phase, PhaseState>> = s.startsWith('Recreate')
    ? { create: 'active' }
    : s === 'Created'
      ? { create: 'done', start: 'active' }
      : s === 'Started'
        ? {
            create: 'done',
            start: 'done',
            ...(ctx.healthchecks.has(service) ? { healthy: 'active' } : {}),
          }
        : s === 'Running'
          ? {
              create: 'skipped',
              start: 'done',
              ...(ctx.healthchecks.has(service) ? { healthy: 'active' } : {}),
            }
          : s === 'Healthy'
            ? { healthy: 'done' }
            : {};
  return touch(p, service, change, s.toLowerCase());
}

const label = (kind: string) => kind[0]!.toUpperCase() + kind.slice(1);

/** Pure: the operation ended; phases still waiting are skipped (done) or failed. */
export function endProgress(
  p: DeployProgress,
  e: Pick<StackOperationEndEvent, 'outcome' | 'error'>,
): DeployProgress {
  const settle = (x: PhaseState): PhaseState =>
    x === 'done' || x === 'skipped'
      ? x
      : e.outcome === 'done'
        ? 'skipped'
        : x === 'active'
          ? 'failed'
          : x;
  return {
    ...p,
    services: p.services.map((s) => ({
      ...s,
      phases: {
        pull: settle(s.phases.pull),
        create: settle(s.phases.create),
        start: settle(s.phases.start),
        healthy: settle(s.phases.healthy),
      },
    })),
    state: e.outcome === 'done' ? 'done' : 'failed',
    error: e.error,
  };
}
