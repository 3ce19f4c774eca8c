import {
  ProtocolError,
  errorCodes,
  httpStatusByCode,
  type ErrorCode,
  type WireError,
} from '@berth/protocol';

/**
 * Errors to the wire. Duck-typed on purpose: Next bundles route handlers separately from the
 * custom server, so an error thrown by a service may come from another copy of ProtocolError.
 */
export function toWireError(err: unknown): WireError {
  if (err instanceof ProtocolError) return err.toWire();
  if (typeof err === 'object' && err !== null) {
    const { code, message, details } = err as {
      code?: unknown;
      message?: unknown;
      details?: unknown;
    };
    if (
      typeof code === 'string' &&
      (errorCodes as string[]).includes(code) &&
      typeof message === 'string'
    ) {
      return {
        code: code as ErrorCode,
        message,
        ...(details && typeof details === 'object'
          ? { details: details as Record<string, unknown> }
          : {}),
      };
    }
  }
  return { code: 'INTERNAL', message: 'internal error' };
}

export function httpStatusOf(wire: WireError): number {
  // Expired or reused join tokens are gone for good (the agent maps 410 to "do not retry").
  if (wire.details?.gone === true) return 410;
  return httpStatusByCode[wire.code];
}
