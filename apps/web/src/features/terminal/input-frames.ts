import { TERMINAL_FRAME_MAX_BYTES } from '@berth/protocol';

/** Split typed or pasted bytes into frames the protocol accepts (1 B – 64 KiB each). */
export function toInputFrames(bytes: Uint8Array, max = TERMINAL_FRAME_MAX_BYTES): Uint8Array[] {
  const frames: Uint8Array[] = [];
  for (let at = 0; at < bytes.byteLength; at += max) {
    frames.push(bytes.subarray(at, Math.min(at + max, bytes.byteLength)));
  }
  return frames;
}

/** A received frame as bytes (socket.io gives ArrayBuffer in browsers, Buffer in Node). */
export function asBytes(data: ArrayBuffer | Uint8Array): Uint8Array {
  return data instanceof Uint8Array ? data : new Uint8Array(data);
}
