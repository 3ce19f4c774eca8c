import type { ErrorCode } from '@berth/protocol';
import { toWireError } from '../../errors.js';

/**
 * The one table: Berth's error code → the status Docker answers for the same kind of failure
 * (moby's `httpstatus.FromError`: not found 404, invalid 400, conflict 409, unauthorized 401,
 * forbidden 403, unavailable 503, not implemented 501, anything else 500).
 */
export const dockerStatusByCode: Readonly<Record<ErrorCode, number>> = {
  INVALID_ARGUMENT: 400,
  UNAUTHENTICATED: 401,
  PERMISSION_DENIED: 403,
  POLICY_DENIED: 403,
  NOT_FOUND: 404,
  ALREADY_EXISTS: 409,
  FAILED_PRECONDITION: 409,
  RESOURCE_EXHAUSTED: 500,
  INTERNAL: 500,
  UNIMPLEMENTED: 501,
  UNAVAILABLE: 503,
  DEADLINE_EXCEEDED: 500,
};

/** Docker's error body. */
export interface DockerErrorBody {
  message: string;
}

/** Pure: anything thrown → Docker's status and `{message}` (uncoded errors say nothing inside). */
export function toDockerError(err: unknown): { status: number; body: DockerErrorBody } {
  const wire = toWireError(err);
  return { status: dockerStatusByCode[wire.code], body: { message: wire.message } };
}
