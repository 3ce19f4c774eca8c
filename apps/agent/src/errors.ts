import { isErrorCode, ProtocolError } from '@berth/protocol';
import type { ErrorCode, WireError } from '@berth/protocol';

/** The agent's one error type; its codes are the protocol's closed set. */
export class AgentError extends Error {
  override readonly name = 'AgentError';
  /** Machine-readable context that travels with the wire error (e.g. what a policy refused). */
  readonly details?: Record<string, unknown>;
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown; details?: Record<string, unknown> },
  ) {
    super(message, options);
    if (options?.details) this.details = options.details;
  }
}

/**
 * Any thrown value → a wire error. Errors that carry a protocol code (AgentError, ProtocolError,
 * the runtime's RuntimeError) keep it and their message; anything else is INTERNAL with a generic
 * message so internals do not leak to callers.
 */
export function toWireError(err: unknown): WireError {
  if (err instanceof ProtocolError) return err.toWire();
  if (err instanceof AgentError && err.details)
    return { code: err.code, message: err.message, details: err.details };
  if (err instanceof Error && 'code' in err && isErrorCode(err.code)) {
    return { code: err.code, message: err.message };
  }
  return { code: 'INTERNAL', message: 'internal error' };
}

/** A readable message for logs, whatever was thrown. */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
