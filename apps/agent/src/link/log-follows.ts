import { LOGS_DATA_MAX_ENTRIES } from '@berth/protocol';
import type { AgentEventName, AgentEventPayload, LogLine } from '@berth/protocol';
import type { ContainerService } from '../containers/service.js';
import { AgentError, errorMessage } from '../errors.js';
import type { RpcRegistry } from './rpc-registry.js';

export interface LogFollowDeps {
  containers: ContainerService;
  emit: <E extends AgentEventName>(name: E, payload: AgentEventPayload<E>) => void;
  /** New lines are sent at most this often (batched into one `logs.data`). */
  flushMs?: number;
  maxFollows?: number;
}

/**
 * `logs.follow` / `logs.unfollow`: streams a container's log as batched `logs.data` events
 * until unfollowed, the container exits (`logs.end` exited) or the link drops (`stopAll`).
 */
export function registerLogFollows(
  registry: RpcRegistry,
  deps: LogFollowDeps,
): { stopAll: () => void } {
  const follows = new Map<string, AbortController>();
  const flushMs = deps.flushMs ?? 100;

  const run = async (
    followId: string,
    id: string,
    tail: number | undefined,
    ac: AbortController,
  ) => {
    let batch: LogLine[] = [];
    let timer: NodeJS.Timeout | undefined;
    const flush = () => {
      clearTimeout(timer);
      timer = undefined;
      if (batch.length === 0 || ac.signal.aborted) return;
      deps.emit('logs.data', { followId, entries: batch });
      batch = [];
    };
    let end: AgentEventPayload<'logs.end'> = { followId, reason: 'exited' };
    try {
      for await (const line of deps.containers.logs(id, {
        follow: true,
        tail,
        signal: ac.signal,
      })) {
        batch.push(line);
        if (batch.length >= LOGS_DATA_MAX_ENTRIES) flush();
        else timer ??= setTimeout(flush, flushMs);
      }
    } catch (err) {
      end = { followId, reason: 'error', message: errorMessage(err).slice(0, 1024) };
    } finally {
      flush();
      if (follows.get(followId) === ac) follows.delete(followId);
    }
    if (!ac.signal.aborted) deps.emit('logs.end', end);
  };

  registry.register('logs.follow', (p) => {
    if (follows.has(p.followId))
      throw new AgentError('ALREADY_EXISTS', `log follow ${p.followId} is already running`);
    const max = deps.maxFollows ?? 64;
    if (follows.size >= max)
      throw new AgentError('RESOURCE_EXHAUSTED', `at most ${max} log follows`);
    const id = deps.containers.resolveId(p.ref);
    const ac = new AbortController();
    follows.set(p.followId, ac);
    void run(p.followId, id, p.tail, ac);
    return { followId: p.followId, containerId: id };
  });
  registry.register('logs.unfollow', (p) => {
    const ac = follows.get(p.followId);
    follows.delete(p.followId);
    ac?.abort();
    return { stopped: ac !== undefined };
  });
  return {
    stopAll: () => {
      for (const ac of follows.values()) ac.abort();
      follows.clear();
    },
  };
}
