import type { ContainerState } from '@berth/protocol';
import type { ContainerDto } from '../../lib/dto/container.js';

/** Pure: "3 minutes", "1 hour", "2 days" (docker's wording for `Up …` and `… ago`). */
export function humanDuration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (s < 1) return 'Less than a second';
  if (s < 60) return unit(s, 'second');
  const m = Math.floor(s / 60);
  if (m < 60) return m === 1 ? 'About a minute' : unit(m, 'minute');
  const h = Math.floor(m / 60);
  if (h < 48) return h === 1 ? 'About an hour' : unit(h, 'hour');
  const d = Math.floor(h / 24);
  if (d < 14) return unit(d, 'day');
  if (d < 60) return unit(Math.floor(d / 7), 'week');
  if (d < 730) return unit(Math.floor(d / 30), 'month');
  return unit(Math.floor(d / 365), 'year');
}

function since(iso: string | null, now: Date): number | null {
  if (!iso) return null;
  const t = new Date(iso).getTime();
  return Number.isNaN(t) ? null : now.getTime() - t;
}

/** Pure: docker-style status text: "Up 3 minutes", "Up 2 hours (Paused)", "Exited (137) 5 minutes ago", "Created". */
export function statusText(
  c: Pick<ContainerDto, 'state' | 'startedAt' | 'finishedAt' | 'exitCode'>,
  now: Date,
): string {
  switch (c.state) {
    case 'running':
    case 'paused': {
      const up = since(c.startedAt, now);
      const text =
        up === null
          ? 'Up'
          : `Up ${humanDuration(up)
              .replace(/^About/, 'about')
              .replace(/^Less/, 'less')}`;
      return c.state === 'paused' ? `${text} (Paused)` : text;
    }
    case 'exited': {
      const ago = since(c.finishedAt, now);
      const code = c.exitCode === null ? '' : ` (${c.exitCode})`;
      return ago === null
        ? `Exited${code}`
        : `Exited${code} ${humanDuration(ago).toLowerCase()} ago`;
    }
    case 'created':
      return 'Created';
    case 'removing':
      return 'Removing';
  }
}

export interface ContainerViewModel {
  id: string;
  hostId: string;
  hostName: string;
  hostOnline: boolean;
  engineId: string;
  shortId: string;
  name: string;
  image: string;
  state: ContainerState;
  health: ContainerDto['health'];
  status: string;
  ports: string;
  href: string;
  canStart: boolean;
  canStop: boolean;
  canPause: boolean;
  canUnpause: boolean;
  /** Elevated-option tokens it was created with (badge when not empty). */
  elevated: string[];
}

/** Pure: "127.0.0.1:8080→80/tcp, 53→53/udp". */
export function formatPorts(ports: ContainerDto['ports']): string {
  return ports
    .map(
      (p) =>
        `${p.hostIp && p.hostIp !== '0.0.0.0' ? `${p.hostIp}:` : ''}${p.hostPort}→${p.containerPort}/${p.protocol}`,
    )
    .join(', ');
}

export function containerHref(hostId: string, engineId: string): string {
  return `/containers/${encodeURIComponent(hostId)}/${encodeURIComponent(engineId)}`;
}

export function toContainerViewModel(
  c: ContainerDto,
  host: { name: string; online: boolean } | undefined,
  now: Date,
): ContainerViewModel {
  return {
    id: c.id,
    hostId: c.hostId,
    hostName: host?.name ?? c.hostId,
    hostOnline: host?.online ?? false,
    engineId: c.engineId,
    shortId: c.engineId.slice(0, 12),
    name: c.name,
    image: c.image,
    state: c.state,
    health: c.health ?? null,
    status: statusText(c, now),
    ports: formatPorts(c.ports),
    href: containerHref(c.hostId, c.engineId),
    canStart: c.state === 'created' || c.state === 'exited',
    canStop: c.state === 'running' || c.state === 'paused',
    canPause: c.state === 'running',
    canUnpause: c.state === 'paused',
    elevated: c.elevated,
  };
}

/** The state a container shows right after an action is clicked, until the agent answers. */
export function optimisticState(action: string, current: ContainerState): ContainerState {
  switch (action) {
    case 'start':
    case 'restart':
    case 'unpause':
      return 'running';
    case 'stop':
    case 'kill':
      return 'exited';
    case 'pause':
      return 'paused';
    case 'remove':
      return 'removing';
    default:
      return current;
  }
}

/**
 * A memo of `toContainerViewModel`: the same DTO object (lists keep unchanged DTOs by
 * reference), host info and time give the same view model object, so memoized rows skip
 * re-rendering when other containers change.
 */
export function createViewModelCache() {
  const cache = new WeakMap<
    ContainerDto,
    { host: { name: string; online: boolean } | undefined; now: number; vm: ContainerViewModel }
  >();
  return (
    c: ContainerDto,
    host: { name: string; online: boolean } | undefined,
    now: Date,
  ): ContainerViewModel => {
    const hit = cache.get(c);
    if (hit && hit.host === host && hit.now === now.getTime()) return hit.vm;
    const vm = toContainerViewModel(c, host, now);
    cache.set(c, { host, now: now.getTime(), vm });
    return vm;
  };
}
