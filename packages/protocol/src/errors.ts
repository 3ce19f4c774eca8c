/**
 * The closed set of error codes that cross the wire between agent, web, CLI and browser.
 * Each side maps them to its transport (HTTP status, CLI exit code) with the tables below.
 */
export const ErrorCode = {
  INVALID_ARGUMENT: 'INVALID_ARGUMENT',
  NOT_FOUND: 'NOT_FOUND',
  ALREADY_EXISTS: 'ALREADY_EXISTS',
  FAILED_PRECONDITION: 'FAILED_PRECONDITION',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  PERMISSION_DENIED: 'PERMISSION_DENIED',
  /** The host's own policy (set by its owner on the agent) refuses what the web asked for. */
  POLICY_DENIED: 'POLICY_DENIED',
  RESOURCE_EXHAUSTED: 'RESOURCE_EXHAUSTED',
  DEADLINE_EXCEEDED: 'DEADLINE_EXCEEDED',
  UNAVAILABLE: 'UNAVAILABLE',
  UNIMPLEMENTED: 'UNIMPLEMENTED',
  INTERNAL: 'INTERNAL',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export const errorCodes = Object.values(ErrorCode) as [ErrorCode, ...ErrorCode[]];

/** One table: error code → HTTP status. */
export const httpStatusByCode: Readonly<Record<ErrorCode, number>> = {
  INVALID_ARGUMENT: 400,
  UNAUTHENTICATED: 401,
  PERMISSION_DENIED: 403,
  POLICY_DENIED: 403,
  NOT_FOUND: 404,
  ALREADY_EXISTS: 409,
  FAILED_PRECONDITION: 409,
  RESOURCE_EXHAUSTED: 429,
  INTERNAL: 500,
  UNIMPLEMENTED: 501,
  UNAVAILABLE: 503,
  DEADLINE_EXCEEDED: 504,
};

/** One table: error code → CLI exit code (docker uses 1 for most errors, 125 for daemon errors). */
export const exitCodeByCode: Readonly<Record<ErrorCode, number>> = {
  INVALID_ARGUMENT: 2,
  UNAUTHENTICATED: 3,
  PERMISSION_DENIED: 3,
  POLICY_DENIED: 3,
  NOT_FOUND: 4,
  ALREADY_EXISTS: 5,
  FAILED_PRECONDITION: 5,
  RESOURCE_EXHAUSTED: 6,
  DEADLINE_EXCEEDED: 7,
  UNAVAILABLE: 7,
  UNIMPLEMENTED: 1,
  INTERNAL: 1,
};

/** The wire shape of an error. */
export interface WireError {
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

/** The one error type of this package; also used by both ends to carry wire errors. */
export class ProtocolError extends Error {
  override readonly name = 'ProtocolError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }

  toWire(): WireError {
    return this.details
      ? { code: this.code, message: this.message, details: this.details }
      : { code: this.code, message: this.message };
  }

  static fromWire(wire: WireError): ProtocolError {
    return new ProtocolError(wire.code, wire.message, wire.details);
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (errorCodes as string[]).includes(value);
}

/**
 * Any thrown value → a wire error, the one translation both ends use. A value carrying a protocol
 * code and a string message keeps both; duck-typed on purpose, because Next bundles route handlers
 * apart from the web's custom server, so an error may come from another copy of its class.
 * Anything else is INTERNAL with a generic message, so internals do not leak to callers.
 * `details` travel where `detailsArePublic(err)` says they are meant for callers (ProtocolError's
 * always): the agent keeps the runtime's (a runc exit code, its stderr) to itself.
 */
export function toWireError(
  err: unknown,
  detailsArePublic: (err: object) => boolean = () => true,
): WireError {
  if (err instanceof ProtocolError) return err.toWire();
  if (typeof err !== 'object' || err === null) return internalWireError();
  const { code, message, details } = err as {
    code?: unknown;
    message?: unknown;
    details?: unknown;
  };
  if (!isErrorCode(code) || typeof message !== 'string') return internalWireError();
  return details && typeof details === 'object' && detailsArePublic(err)
    ? { code, message, details: details as Record<string, unknown> }
    : { code, message };
}

const internalWireError = (): WireError => ({ code: 'INTERNAL', message: 'internal error' });
