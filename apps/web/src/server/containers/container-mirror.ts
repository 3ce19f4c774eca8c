import type { ContainerSummary } from '@berth/protocol';
import {
  containerKey,
  summaryToDto,
  type ContainerDto,
  type ContainersChangedDto,
} from '../../lib/dto/container.js';
import type { ContainersRepo } from './containers-repo.js';
import { normalizeDto } from './container-rows.js';
import { diffContainers, isEmptyDiff, type ContainerDiff } from '../inventory/diff.js';

export interface ContainerMirrorDeps {
  repo: ContainersRepo;
  /** Push a change to browsers ('/ui' 'containers.changed'). */
  push: (change: ContainersChangedDto) => void;
}

/**
 * Keeps the Container table equal to what each agent reports. Work for one host is serialized
 * (a full list, an action's result and a removal never interleave); only differences are written
 * and pushed.
 */
export function createContainerMirror(deps: ContainerMirrorDeps) {
  const queues = new Map<string, Promise<unknown>>();

  function serial<T>(hostId: string, work: () => Promise<T>): Promise<T> {
    const prev = queues.get(hostId) ?? Promise.resolve();
    const next = prev.catch(() => undefined).then(work);
    queues.set(hostId, next);
    void next
      .finally(() => {
        if (queues.get(hostId) === next) queues.delete(hostId);
      })
      .catch(() => undefined);
    return next;
  }

  async function commit(hostId: string, diff: ContainerDiff): Promise<ContainerDiff> {
    if (isEmptyDiff(diff)) return diff;
    await deps.repo.apply(diff);
    deps.push({ hostId, upserted: diff.upserted, removed: diff.removed });
    return diff;
  }

  return {
    /** The agent's complete list (inventory.containers): upsert changed, delete the rest. */
    replaceAll(hostId: string, containers: readonly ContainerSummary[]): Promise<ContainerDiff> {
      return serial(hostId, async () => {
        const existing = await deps.repo.list({ hostId });
        const incoming = containers.map((s) => normalizeDto(summaryToDto(hostId, s)));
        return commit(hostId, diffContainers(existing, incoming));
      });
    },

    /** One container as an action returned it. */
    upsert(hostId: string, summary: ContainerSummary): Promise<ContainerDto> {
      return serial(hostId, async () => {
        const dto = normalizeDto(summaryToDto(hostId, summary));
        const existing = await deps.repo.find(hostId, summary.id);
        await commit(hostId, diffContainers(existing ? [existing] : [], [dto]));
        return dto;
      });
    },

    /** Push one container as it is now (e.g. when an action under way begins or ends). */
    announce(hostId: string, engineId: string): Promise<void> {
      return serial(hostId, async () => {
        const existing = await deps.repo.find(hostId, engineId);
        if (existing) deps.push({ hostId, upserted: [existing], removed: [] });
      });
    },

    remove(hostId: string, engineId: string): Promise<void> {
      return serial(hostId, async () => {
        const id = containerKey(hostId, engineId);
        const existing = await deps.repo.find(hostId, engineId);
        if (existing) await commit(hostId, { upserted: [], removed: [id] });
      });
    },
  };
}
export type ContainerMirror = ReturnType<typeof createContainerMirror>;
