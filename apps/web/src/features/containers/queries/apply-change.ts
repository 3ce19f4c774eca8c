import type { ContainerDto, ContainersChangedDto } from '../../../lib/dto/container.js';

/** Pure: a cached list with a pushed change applied (upserts replace by id; removals drop). */
export function applyContainersChange(
  list: readonly ContainerDto[],
  change: Pick<ContainersChangedDto, 'upserted' | 'removed'>,
): ContainerDto[] {
  const gone = new Set(change.removed);
  const byId = new Map(change.upserted.map((c) => [c.id, c]));
  const out: ContainerDto[] = [];
  for (const c of list) {
    if (gone.has(c.id)) continue;
    const updated = byId.get(c.id);
    out.push(updated ?? c);
    byId.delete(c.id);
  }
  for (const c of byId.values()) if (!gone.has(c.id)) out.push(c);
  return out;
}
