import type {
  HealthStatus,
  ContainerLimits,
  ContainerState,
  ContainerSummary,
  PortBinding,
} from '@berth/protocol';

/**
 * JSON shape of a mirrored container on the web API and the /ui socket (shared by server and
 * browser). `id` is the web's key `${hostId}:${engineId}`; `engineId` is the agent's 64-hex id.
 */
export interface ContainerDto {
  id: string;
  hostId: string;
  engineId: string;
  name: string;
  image: string;
  imageId: string | null;
  command: string[];
  state: ContainerState;
  exitCode: number | null;
  oomKilled: boolean;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  ports: PortBinding[];
  limits: ContainerLimits;
  labels: Record<string, string>;
  /** `no`, `always`, `unless-stopped`, `on-failure` or `on-failure:N`. */
  restartPolicy: string;
  /** Health check status while one runs (`starting`, `healthy`, `unhealthy`), else null. */
  health: HealthStatus | null;
  /** Elevated options it was created with, as tokens (`privileged`, `bind:/srv`…); [] if none. */
  elevated: string[];
  /**
   * An action the web has asked the agent for and the agent has not answered yet ("stopping…").
   * Held by the web in memory, never stored; absent or null when none is under way. The state
   * stays the last one the agent reported until it answers.
   */
  transition?: ContainerTransition | null;
}

/** What a container shows while an action is under way (before the agent answers). */
export const containerTransitions = [
  'starting',
  'stopping',
  'restarting',
  'pausing',
  'unpausing',
  'killing',
  'removing',
] as const;
export type ContainerTransition = (typeof containerTransitions)[number];

const transitionOfAction = {
  start: 'starting',
  stop: 'stopping',
  restart: 'restarting',
  pause: 'pausing',
  unpause: 'unpausing',
  kill: 'killing',
  remove: 'removing',
} as const satisfies Record<string, ContainerTransition>;

/** Pure: the transition an action puts a container in (start → starting, …). */
export function transitionOf(action: keyof typeof transitionOfAction): ContainerTransition {
  return transitionOfAction[action];
}

/** Pushed on '/ui' as 'containers.changed' after each reconciliation or action. */
export interface ContainersChangedDto {
  hostId: string;
  upserted: ContainerDto[];
  /** Web ids (`${hostId}:${engineId}`) that are gone. */
  removed: string[];
}

export function containerKey(hostId: string, engineId: string): string {
  return `${hostId}:${engineId}`;
}

export function formatRestartPolicy(p: ContainerSummary['restartPolicy']): string {
  return p.name === 'on-failure' && p.maximumRetryCount > 0
    ? `on-failure:${p.maximumRetryCount}`
    : p.name;
}

/** Pure: an agent's summary → the web's DTO for that host. */
export function summaryToDto(hostId: string, s: ContainerSummary): ContainerDto {
  return {
    id: containerKey(hostId, s.id),
    hostId,
    engineId: s.id,
    name: s.name,
    image: s.image,
    imageId: s.imageId || null,
    command: s.command,
    state: s.state,
    exitCode: s.exitCode,
    oomKilled: s.oomKilled,
    createdAt: s.createdAt,
    startedAt: s.startedAt,
    finishedAt: s.finishedAt,
    ports: s.ports,
    limits: s.limits,
    labels: s.labels,
    restartPolicy: formatRestartPolicy(s.restartPolicy),
    health: s.health ?? null,
    elevated: s.elevated,
  };
}
