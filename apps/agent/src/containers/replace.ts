import { isErrorCode } from '@berth/protocol';
import type { CreateContainerRequest, ErrorCode, RpcResult } from '@berth/protocol';
import { findPortConflict, parsePortSpec, type ContainerRecord } from '@berth/runtime';
import { AgentError, errorMessage } from '../errors.js';
import { toCreateOptions } from './request.js';
import type { ContainerService } from './service.js';

export type ReplaceResult = RpcResult<'container.replace'>;

/**
 * Pure: the request a replacement is created from — the old container's name, always. A request
 * that names another container is refused (that is a copy: create it instead).
 */
export function replacementRequest(
  oldName: string,
  req: CreateContainerRequest,
): CreateContainerRequest {
  if (req.name !== undefined && req.name !== oldName)
    throw new AgentError(
      'INVALID_ARGUMENT',
      `a replacement keeps the name "${oldName}", not "${req.name}": create a copy under another name instead`,
    );
  return { ...req, name: oldName };
}

/**
 * Recreates a container with changed settings under the same name (Docker's and Portainer's
 * "recreate"). What can be checked first is (the request's options, its image, host ports held by
 * other containers): a failure there leaves the old container untouched. Host ports are reserved by every existing container, so the
 * old one is stopped and removed before the new one is created; when the create or start fails,
 * the new one is removed and the old one is created again from its record (image, options, name)
 * and started if it was running — the rollback a stack's failed `up` uses. The error then says so
 * (`details.restored`). The old container's writable layer does not survive either way.
 */
export async function replaceContainer(
  svc: ContainerService,
  ref: string,
  req: CreateContainerRequest,
  start: boolean,
): Promise<ReplaceResult> {
  const old = svc.record(ref);
  const request = replacementRequest(old.name, req);
  toCreateOptions(request); // throws INVALID_ARGUMENT before anything changed
  await svc.imageEngine.resolve(request.image); // NOT_FOUND before anything changed
  const clash = portClash(request, old.id, svc.records());
  if (clash) throw new AgentError('ALREADY_EXISTS', clash);
  const wasLive = old.state === 'running' || old.state === 'paused';
  if (wasLive) await svc.stop(old.id);
  await removeIfThere(svc, old.id);
  let createdId: string | null = null;
  try {
    const created = await svc.create(request);
    createdId = created.id;
    if (start) await svc.start(created.id);
    return { ...created, replaced: old.id };
  } catch (err) {
    if (createdId) await removeIfThere(svc, createdId).catch(() => undefined);
    let restoredId: string;
    try {
      restoredId = (await svc.restore(old)).id;
      if (wasLive) await svc.start(restoredId);
    } catch (restoreErr) {
      throw new AgentError(
        'INTERNAL',
        `${errorMessage(err)}; restoring the old container failed too: ${errorMessage(restoreErr)}`,
        { cause: err, details: { restored: false } },
      );
    }
    throw new AgentError(codeOf(err), errorMessage(err), {
      cause: err,
      details: { restored: true, restoredId },
    });
  }
}

/**
 * Pure: the first host port the request wants that another container holds (as the runtime's
 * create would find it), so that clash leaves the old container untouched; null when none.
 */
export function portClash(
  req: CreateContainerRequest,
  oldId: string,
  records: readonly Pick<ContainerRecord, 'id' | 'state' | 'network'>[],
): string | null {
  const wanted = (req.ports ?? []).map(parsePortSpec);
  const taken = records
    .filter((r) => r.id !== oldId && r.state !== 'removing')
    .flatMap((r) => r.network.ports);
  return findPortConflict(wanted, taken);
}

/** `--rm` containers may remove themselves once stopped: gone already is fine. */
async function removeIfThere(svc: ContainerService, id: string): Promise<void> {
  try {
    await svc.remove(id, true);
  } catch (err) {
    if ((err as { code?: unknown }).code !== 'NOT_FOUND') throw err;
  }
}

function codeOf(err: unknown): ErrorCode {
  const code = (err as { code?: unknown }).code;
  return isErrorCode(code) ? code : 'INTERNAL';
}
