import type { Socket } from 'socket.io-client';
import type { UiSocket } from './ui-socket.js';

/**
 * Browser → web messages. The server validates every one with its zod schema (ui-hub's
 * `handle`), so the client side stays loosely typed: these helpers only drop the listen-event
 * typing that `UiSocket` carries for server pushes.
 */
export function sendUi(socket: UiSocket, name: string, payload: unknown): void {
  (socket as unknown as Socket).emit(name, payload);
}

/** A message with an ack: resolves with the server's `{ ok, result | error }`. */
export function requestUi<T>(
  socket: UiSocket,
  name: string,
  payload: unknown,
  timeoutMs: number,
): Promise<T> {
  return (socket as unknown as Socket).timeout(timeoutMs).emitWithAck(name, payload) as Promise<T>;
}
