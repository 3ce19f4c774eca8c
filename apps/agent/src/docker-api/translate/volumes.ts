import type { Volume } from '@berth/protocol';
import type { DockerVolume } from '../types/volume.js';
import type { Filters } from './filters.js';
import { boolFilter, labelsMatch } from './filters.js';

export const VOLUME_LIST_FILTERS = ['name', 'label', 'dangling', 'driver'] as const;

/** Pure: Berth's volume → Docker's. */
export function toDockerVolume(v: Volume, usage?: { size: number }): DockerVolume {
  return {
    Name: v.name,
    Driver: 'local',
    Mountpoint: v.mountpoint,
    CreatedAt: v.createdAt,
    Labels: { ...v.labels },
    Scope: 'local',
    Options: null,
    ...(usage ? { UsageData: { Size: usage.size, RefCount: v.usedBy.length } } : {}),
  };
}

/** Pure: Docker's volume list filters (`name` is a substring match, as in Docker). */
export function volumeMatches(v: Volume, f: Filters): boolean {
  const dangling = boolFilter(f, 'dangling');
  return (
    (f.get('name') ?? ['']).some((n) => v.name.includes(n)) &&
    (f.get('driver') ?? ['local']).includes('local') &&
    labelsMatch(f, v.labels) &&
    (dangling === undefined || dangling === (v.usedBy.length === 0))
  );
}
