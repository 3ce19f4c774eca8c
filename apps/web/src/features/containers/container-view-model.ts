import type { ContainerState } from '@berth/protocol';
import type { ContainerDto, ContainerTransition } from '../../lib/dto/container.js';
import type { HostStatus } from '../../lib/dto/host.js';

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

/** What a container's row needs to know of its host. */
export interface HostLink {
  name: string;
  status: HostStatus;
  /** When the web last heard from it (an offline host: about when it went away). */
  lastSeenAt: string | null;
}

/** Pure: "14:03" today, "3 Jan, 14:03" before (the browser's locale and time zone). */
export function clockText(iso: string, now: Date): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return 'an unknown time';
  const sameDay = d.toDateString() === now.toDateString();
  return d.toLocaleString(undefined, {
    ...(sameDay ? {} : { day: 'numeric', month: 'short' }),
    hour: '2-digit',
    minute: '2-digit',
  });
}

/**
 * Pure: why nothing can be done to a container now, in words, or null. A host that is not
 * online cannot be asked; an action under way must finish first.
 */
export function blockedReason(
  c: Pick<ContainerDto, 'transition'>,
  host: HostLink | undefined,
  now: Date,
): string | null {
  if (!host) return 'its host is no longer known';
  if (host.status === 'revoked') return `host ${host.name} is revoked`;
  if (host.status !== 'online') {
    const since = host.lastSeenAt ? ` since ${clockText(host.lastSeenAt, now)}` : '';
    return `host ${host.name} is offline${since}`;
  }
  if (c.transition) return `${c.transition}… — waiting for host ${host.name} to answer`;
  return null;
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
  /** The state the agent last reported. */
  state: ContainerState;
  /** An action under way, shown instead of the state ("stopping…"). */
  transition: ContainerTransition | null;
  /** The host is not online: the state is not known now ("unknown"). */
  unknown: boolean;
  health: ContainerDto['health'];
  status: string;
  ports: string;
  href: string;
  canStart: boolean;
  canStop: boolean;
  canPause: boolean;
  canUnpause: boolean;
  /** Whether it can be selected for bulk actions (its host is online). */
  selectable: boolean;
  /** Why actions are disabled, in words; null when they are not. */
  blocked: string | null;
  /** Elevated-option tokens it was created with (badge when not empty). */
  elevated: string[];
}

/**
 * Pure: an image reference as a list shows it — its name (last path part, with tag or digest)
 * first, where it comes from after: `127.0.0.1:5055/acc/web:1` → `web:1` from `127.0.0.1:5055/acc`.
 */
export function imageParts(ref: string): { name: string; from: string } {
  const at = ref.indexOf('@');
  const path = at >= 0 ? ref.slice(0, at) : ref;
  const slash = path.lastIndexOf('/');
  if (slash < 0) return { name: ref, from: '' };
  return { name: ref.slice(slash + 1), from: ref.slice(0, slash) };
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

/** Pure: the status line: docker's words, or why the state is unknown. */
export function statusLine(
  c: Pick<ContainerDto, 'state' | 'startedAt' | 'finishedAt' | 'exitCode'>,
  host: HostLink | undefined,
  now: Date,
): string {
  if (!host) return 'unknown — its host is no longer known';
  if (host.status === 'revoked') return 'unknown — host revoked';
  if (host.status !== 'online') {
    return host.lastSeenAt
      ? `unknown — host offline since ${clockText(host.lastSeenAt, now)}`
      : 'unknown — host offline';
  }
  return statusText(c, now);
}

export function toContainerViewModel(
  c: ContainerDto,
  host: HostLink | undefined,
  now: Date,
): ContainerViewModel {
  const online = host?.status === 'online';
  const blocked = blockedReason(c, host, now);
  const free = blocked === null;
  return {
    id: c.id,
    hostId: c.hostId,
    hostName: host?.name ?? 'unknown host',
    hostOnline: online,
    engineId: c.engineId,
    shortId: c.engineId.slice(0, 12),
    name: c.name,
    image: c.image,
    state: c.state,
    transition: online ? (c.transition ?? null) : null,
    unknown: !online,
    health: c.health ?? null,
    status: statusLine(c, host, now),
    ports: formatPorts(c.ports),
    href: containerHref(c.hostId, c.engineId),
    canStart: free && (c.state === 'created' || c.state === 'exited'),
    canStop: free && (c.state === 'running' || c.state === 'paused'),
    canPause: free && c.state === 'running',
    canUnpause: free && c.state === 'paused',
    selectable: online,
    blocked,
    elevated: c.elevated,
  };
}

/**
 * A memo of `toContainerViewModel`: the same DTO object (lists keep unchanged DTOs by
 * reference), host info and time give the same view model object, so memoized rows skip
 * re-rendering when other containers change.
 */
export function createViewModelCache() {
  const cache = new WeakMap<
    ContainerDto,
    { host: HostLink | undefined; now: number; vm: ContainerViewModel }
  >();
  return (c: ContainerDto, host: HostLink | undefined, now: Date): ContainerViewModel => {
    const hit = cache.get(c);
    if (hit && hit.host === host && hit.now === now.getTime()) return hit.vm;
    const vm = toContainerViewModel(c, host, now);
    cache.set(c, { host, now: now.getTime(), vm });
    return vm;
  };
}
