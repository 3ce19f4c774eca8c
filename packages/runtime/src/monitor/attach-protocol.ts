import { join } from 'node:path';

/**
 * conmon's attach protocol (conmon 2.x, `conn_sock.c` / `ctrl.c`), as pure data:
 * - `<bundle>/attach` is a SOCK_SEQPACKET socket (conmon also links `<socket-dir>/<cuuid>` to
 *   the bundle). Every packet conmon sends is one read of the container's output, prefixed by a
 *   byte naming the stream (with a terminal everything is stdout). Packets we send are written
 *   to the container's stdin as they are (no prefix); conmon reads at most 32 KiB - 1 per packet.
 * - `<bundle>/ctl` is a FIFO of lines `<type> <height> <width>\n`: type 1 resizes the
 *   terminal, type 2 reopens the log files. Heights and widths above 1000 are refused.
 */
export const AttachStream = { stdin: 1, stdout: 2, stderr: 3 } as const;
export type AttachStreamName = 'stdout' | 'stderr';

/** Bytes per stdin packet: well below conmon's receive buffer, so nothing is truncated. */
export const ATTACH_INPUT_CHUNK = 8192;

export const attachSocketPath = (bundle: string) => join(bundle, 'attach');
export const ctlFifoPath = (bundle: string) => join(bundle, 'ctl');

/** Pure: one packet from conmon → its stream and payload (null for an empty or unknown one). */
export function decodeAttachPacket(
  packet: Buffer,
): { stream: AttachStreamName; data: Buffer } | null {
  if (packet.length < 2) return null;
  const id = packet[0];
  const stream =
    id === AttachStream.stdout ? 'stdout' : id === AttachStream.stderr ? 'stderr' : null;
  return stream ? { stream, data: packet.subarray(1) } : null;
}

/** Pure: stdin bytes → packets of at most `max` bytes. */
export function chunkInput(data: Buffer, max = ATTACH_INPUT_CHUNK): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < data.length; i += max) out.push(data.subarray(i, i + max));
  return out;
}

/** Pure: the ctl FIFO line that resizes the container's terminal. */
export function resizeCtlLine(size: { rows: number; cols: number }): string {
  return `1 ${size.rows} ${size.cols}\n`;
}
