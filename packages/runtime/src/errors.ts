/**
 * The runtime's one error type, with a closed set of codes (containerd's errdefs). Every layer
 * wraps with context (`RuntimeError.wrap`); the agent maps codes to HTTP / CLI exit codes at its
 * boundary. The codes are a subset of @berth/protocol's ErrorCode, spelled the same.
 */
export const RuntimeErrorCode = {
  INVALID_ARGUMENT: 'INVALID_ARGUMENT',
  NOT_FOUND: 'NOT_FOUND',
  ALREADY_EXISTS: 'ALREADY_EXISTS',
  FAILED_PRECONDITION: 'FAILED_PRECONDITION',
  UNAVAILABLE: 'UNAVAILABLE',
  PERMISSION_DENIED: 'PERMISSION_DENIED',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  RESOURCE_EXHAUSTED: 'RESOURCE_EXHAUSTED',
  DEADLINE_EXCEEDED: 'DEADLINE_EXCEEDED',
  INTERNAL: 'INTERNAL',
} as const;

export type RuntimeErrorCode = (typeof RuntimeErrorCode)[keyof typeof RuntimeErrorCode];

export class RuntimeError extends Error {
  override readonly name = 'RuntimeError';
  constructor(
    readonly code: RuntimeErrorCode,
    message: string,
    options?: { cause?: unknown; details?: Record<string, unknown> },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.details = options?.details;
  }
  readonly details: Record<string, unknown> | undefined;

  /** Adds context to an error, keeping its code (INTERNAL for foreign errors). */
  static wrap(
    err: unknown,
    context: string,
    fallback: RuntimeErrorCode = 'INTERNAL',
  ): RuntimeError {
    if (err instanceof RuntimeError) {
      return new RuntimeError(err.code, `${context}: ${err.message}`, {
        cause: err,
        details: err.details,
      });
    }
    const message = err instanceof Error ? err.message : String(err);
    return new RuntimeError(fallback, `${context}: ${message}`, { cause: err });
  }
}

export const invalidArgument = (m: string, details?: Record<string, unknown>) =>
  new RuntimeError('INVALID_ARGUMENT', m, { details });
export const notFound = (m: string) => new RuntimeError('NOT_FOUND', m);
export const alreadyExists = (m: string) => new RuntimeError('ALREADY_EXISTS', m);
export const failedPrecondition = (m: string) => new RuntimeError('FAILED_PRECONDITION', m);

export function isRuntimeError(err: unknown, code?: RuntimeErrorCode): err is RuntimeError {
  return err instanceof RuntimeError && (code === undefined || err.code === code);
}
