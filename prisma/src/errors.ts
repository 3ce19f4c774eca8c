/**
 * The database package's one error type, with a closed set of codes (spelled like
 * @berth/protocol's ErrorCode). Callers map codes to HTTP / CLI exit codes at their boundary.
 */
export const DbErrorCode = {
  INVALID_ARGUMENT: 'INVALID_ARGUMENT',
  NOT_FOUND: 'NOT_FOUND',
  FAILED_PRECONDITION: 'FAILED_PRECONDITION',
  UNAVAILABLE: 'UNAVAILABLE',
  INTERNAL: 'INTERNAL',
} as const;

export type DbErrorCode = (typeof DbErrorCode)[keyof typeof DbErrorCode];

export class DbError extends Error {
  override readonly name = 'DbError';
  readonly details: Record<string, unknown> | undefined;
  constructor(
    readonly code: DbErrorCode,
    message: string,
    options?: { cause?: unknown; details?: Record<string, unknown> },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.details = options?.details;
  }

  /** Adds context to an error, keeping its code (`fallback` for foreign errors). */
  static wrap(err: unknown, context: string, fallback: DbErrorCode = 'INTERNAL'): DbError {
    if (err instanceof DbError) {
      return new DbError(err.code, `${context}: ${err.message}`, {
        cause: err,
        details: err.details,
      });
    }
    return new DbError(fallback, `${context}: ${describe(err)}`, { cause: err });
  }
}

export function isDbError(err: unknown, code?: DbErrorCode): err is DbError {
  return err instanceof DbError && (code === undefined || err.code === code);
}

/** A readable message from anything thrown (the WASM engine throws plain objects too). */
export function describe(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (typeof err === 'string') return err;
  try {
    return JSON.stringify(err);
  } catch {
    return String(err);
  }
}
