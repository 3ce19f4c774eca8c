import type { ContainerDto } from '../../lib/dto/container.js';

export interface ContainerDiff {
  /** New or changed containers (normalized DTOs). */
  upserted: ContainerDto[];
  /** Web ids of containers the agent no longer has. */
  removed: string[];
}

/**
 * Pure: full-list reconciliation. `existing` is the mirror of one host, `incoming` the agent's
 * complete list (both normalized). Unchanged containers are left out of the result.
 */
export function diffContainers(
  existing: readonly ContainerDto[],
  incoming: readonly ContainerDto[],
): ContainerDiff {
  const before = new Map(existing.map((c) => [c.id, JSON.stringify(c)]));
  const seen = new Set<string>();
  const upserted: ContainerDto[] = [];
  for (const c of incoming) {
    if (seen.has(c.id)) continue;
    seen.add(c.id);
    if (before.get(c.id) !== JSON.stringify(c)) upserted.push(c);
  }
  const removed = existing.filter((c) => !seen.has(c.id)).map((c) => c.id);
  return { upserted, removed };
}

export function isEmptyDiff(d: ContainerDiff): boolean {
  return d.upserted.length === 0 && d.removed.length === 0;
}
