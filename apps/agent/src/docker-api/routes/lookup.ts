import type { ContainerRecord } from '@berth/runtime';
import { AgentError } from '../../errors.js';
import type { ContainerService } from '../../containers/service.js';

const isNotFound = (err: unknown) =>
  err instanceof Error && 'code' in err && (err as { code: unknown }).code === 'NOT_FOUND';

/** A container by ID, name or unique prefix; Docker's message when there is none. */
export function findContainer(c: ContainerService, ref: string): ContainerRecord {
  try {
    return c.record(ref);
  } catch (err) {
    if (isNotFound(err)) throw new AgentError('NOT_FOUND', `No such container: ${ref}`);
    throw err;
  }
}

/** Pure: the reference Docker names in "No such image" (a missing tag reads `:latest`). */
export function imageRefForMessage(ref: string): string {
  const last = ref.slice(ref.lastIndexOf('/') + 1);
  return ref.includes('@') || last.includes(':') ? ref : `${ref}:latest`;
}

/** Runs `fn`; an image NOT_FOUND becomes Docker's "No such image: ref". */
export async function withImageNotFound<T>(ref: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (isNotFound(err))
      throw new AgentError('NOT_FOUND', `No such image: ${imageRefForMessage(ref)}`);
    throw err;
  }
}

/** Pure: is the container running (or paused — Docker counts a paused container as running)? */
export function isLive(rec: Pick<ContainerRecord, 'state'>): boolean {
  return rec.state === 'running' || rec.state === 'paused';
}
