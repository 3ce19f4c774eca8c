import { httpStatusByCode, type WireError } from '@berth/protocol';

/** A wire error (the protocol's `toWireError`) → its HTTP status. */
export function httpStatusOf(wire: WireError): number {
  // Expired or reused join tokens are gone for good (the agent maps 410 to "do not retry").
  if (wire.details?.gone === true) return 410;
  return httpStatusByCode[wire.code];
}
