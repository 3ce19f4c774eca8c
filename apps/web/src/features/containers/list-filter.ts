import type { ContainerState } from '@berth/protocol';
import type { ContainerDto } from '../../lib/dto/container.js';
import type { HostStatus } from '../../lib/dto/host.js';

export interface ContainerFilter {
  host: string;
  state: ContainerState | '';
  image: string;
  name: string;
}
export const emptyContainerFilter: ContainerFilter = { host: '', state: '', image: '', name: '' };

export const sortKeys = ['name', 'host', 'state', 'image', 'created', 'cpu', 'memory'] as const;
export type SortKey = (typeof sortKeys)[number];
export interface ContainerSort {
  key: SortKey;
  dir: 'asc' | 'desc';
}

/** Live numbers the list can sort by (from the stats summary), keyed by container id. */
export type LiveNumbers = ReadonlyMap<
  string,
  { cpuPercent: number | null; memoryUsage: number | null }
>;

/** Pure: the containers that match every non-empty field (name/image: case-insensitive substring). */
export function filterContainers(
  list: readonly ContainerDto[],
  f: ContainerFilter,
): ContainerDto[] {
  const name = f.name.trim().toLowerCase();
  const image = f.image.trim().toLowerCase();
  return list.filter(
    (c) =>
      (!f.host || c.hostId === f.host) &&
      (!f.state || c.state === f.state) &&
      (!image || c.image.toLowerCase().includes(image)) &&
      (!name || c.name.toLowerCase().includes(name) || c.engineId.startsWith(name)),
  );
}

// One collator for every comparison: `localeCompare` builds one per call, which is what makes
// sorting 1 000 names slow.
const collator = new Intl.Collator();

const stateOrder: Record<ContainerState, number> = {
  running: 0,
  paused: 1,
  created: 2,
  removing: 3,
  exited: 4,
};

/** Pure: a sorted copy; ties (and unknown live numbers, which sort last) fall back to name. */
export function sortContainers(
  list: readonly ContainerDto[],
  sort: ContainerSort,
  hostNames: ReadonlyMap<string, string> = new Map(),
  live: LiveNumbers = new Map(),
): ContainerDto[] {
  const sign = sort.dir === 'asc' ? 1 : -1;
  const byName = (a: ContainerDto, b: ContainerDto) => collator.compare(a.name, b.name);
  const num = (v: number | null | undefined) => (v === null || v === undefined ? null : v);
  const cmp = (a: ContainerDto, b: ContainerDto): number => {
    switch (sort.key) {
      case 'name':
        return sign * byName(a, b);
      case 'host':
        return (
          sign *
          collator.compare(hostNames.get(a.hostId) ?? a.hostId, hostNames.get(b.hostId) ?? b.hostId)
        );
      case 'state':
        return sign * (stateOrder[a.state] - stateOrder[b.state]);
      case 'image':
        return sign * collator.compare(a.image, b.image);
      case 'created':
        return sign * a.createdAt.localeCompare(b.createdAt);
      case 'cpu':
      case 'memory': {
        const pick = (c: ContainerDto) => {
          const l = live.get(c.id);
          return num(sort.key === 'cpu' ? l?.cpuPercent : l?.memoryUsage);
        };
        const x = pick(a);
        const y = pick(b);
        if (x === null && y === null) return 0;
        if (x === null) return 1;
        if (y === null) return -1;
        return sign * (x - y);
      }
    }
  };
  return [...list].sort((a, b) => cmp(a, b) || byName(a, b) || a.id.localeCompare(b.id));
}

/**
 * Pure: counts per state for the overview. With the hosts' statuses: containers of a host that
 * is not online count as `unknown` (nobody can say their state now), and those of a revoked or
 * removed host are not counted at all.
 */
export function countByState(
  list: readonly ContainerDto[],
  hostStatus?: ReadonlyMap<string, HostStatus>,
): Record<ContainerState | 'unknown', number> & { total: number } {
  const out = {
    total: 0,
    running: 0,
    paused: 0,
    created: 0,
    exited: 0,
    removing: 0,
    unknown: 0,
  };
  for (const c of list) {
    const status = hostStatus ? hostStatus.get(c.hostId) : 'online';
    if (status === undefined || status === 'revoked') continue;
    out.total++;
    out[status === 'online' ? c.state : 'unknown']++;
  }
  return out;
}
