/**
 * Docker's multiplexed stream (moby's `stdcopy`) for attach, exec and logs without a TTY:
 * each frame is an 8-byte header — stream (0 stdin, 1 stdout, 2 stderr, 3 system error), three
 * zero bytes, the payload length as big-endian uint32 — then the payload. With a TTY the stream
 * is raw bytes instead.
 */
export type StreamName = 'stdin' | 'stdout' | 'stderr' | 'system';

const STREAM_IDS: Record<StreamName, number> = { stdin: 0, stdout: 1, stderr: 2, system: 3 };
/** Payloads are split so one frame never exceeds this (Docker's own buffers are 32 KiB). */
export const MAX_FRAME_PAYLOAD = 1 << 20;

/** Pure: one or more frames carrying `payload` on `stream` (empty payload → no frame). */
export function encodeFrames(stream: StreamName, payload: Buffer): Buffer {
  if (payload.length === 0) return Buffer.alloc(0);
  const parts: Buffer[] = [];
  for (let at = 0; at < payload.length; at += MAX_FRAME_PAYLOAD) {
    const chunk = payload.subarray(at, at + MAX_FRAME_PAYLOAD);
    const header = Buffer.alloc(8);
    header[0] = STREAM_IDS[stream];
    header.writeUInt32BE(chunk.length, 4);
    parts.push(header, chunk);
  }
  return Buffer.concat(parts);
}

export interface Frame {
  stream: StreamName;
  payload: Buffer;
}

const NAMES: StreamName[] = ['stdin', 'stdout', 'stderr', 'system'];

/**
 * Pure: splits a buffer into complete frames; `rest` is an incomplete tail to prepend to the next
 * chunk. A header with an unknown stream id throws (the input is not a multiplexed stream).
 */
export function decodeFrames(buf: Buffer): { frames: Frame[]; rest: Buffer } {
  const frames: Frame[] = [];
  let at = 0;
  while (buf.length - at >= 8) {
    const stream = NAMES[buf[at]!];
    if (!stream) throw new Error(`not a multiplexed stream (stream id ${buf[at]})`);
    const size = buf.readUInt32BE(at + 4);
    if (buf.length - at - 8 < size) break;
    frames.push({ stream, payload: buf.subarray(at + 8, at + 8 + size) });
    at += 8 + size;
  }
  return { frames, rest: buf.subarray(at) };
}
