import type { ContainerDto } from '../../lib/dto/container.js';

export interface TopEntry {
  id: string;
  hostId: string;
  engineId: string;
  name: string;
  value: number;
}

/** Pure: the `n` busiest running containers by a live number (unknown numbers are left out). */
export function fleetTop(
  containers: readonly ContainerDto[],
  live: ReadonlyMap<string, { cpuPercent: number | null; memoryUsage: number | null }>,
  by: 'cpu' | 'memory',
  n = 5,
): TopEntry[] {
  const out: TopEntry[] = [];
  for (const c of containers) {
    if (c.state !== 'running') continue;
    const l = live.get(c.id);
    const value = by === 'cpu' ? l?.cpuPercent : l?.memoryUsage;
    if (value === null || value === undefined) continue;
    out.push({ id: c.id, hostId: c.hostId, engineId: c.engineId, name: c.name, value });
  }
  return out.sort((a, b) => b.value - a.value || a.name.localeCompare(b.name)).slice(0, n);
}
