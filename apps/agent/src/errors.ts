import { toWireError as toProtocolWireError } from '@berth/protocol';
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
 * Any thrown value → a wire error (the protocol's one translation). Only the agent's own and the
 * protocol's errors carry their details to callers; the runtime's (a runc exit code, its stderr)
 * stay in the agent.
 */
export function toWireError(err: unknown): WireError {
  return toProtocolWireError(err, (e) => e instanceof AgentError);
}

/** A readable message for logs, whatever was thrown. */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
