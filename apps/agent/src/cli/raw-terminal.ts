import type { Duplex } from 'node:stream';

export interface TerminalSize {
  cols: number;
  rows: number;
}

/** This process's terminal size (80x24 when stdout is not a terminal). */
export function terminalSize(): TerminalSize {
  return { cols: process.stdout.columns || 80, rows: process.stdout.rows || 24 };
}

export interface PipeOptions {
  socket: Duplex;
  /** Bytes that came with the `101` answer. */
  head: Buffer;
  /** Forward this terminal's input (raw mode): false for output only. */
  input: boolean;
  /** Called on SIGWINCH with the new size. */
  onResize: (size: TerminalSize) => void;
}

/**
 * Joins this terminal to an upgraded agent connection: raw mode (when forwarding input from a
 * TTY), bytes both ways, SIGWINCH → `onResize`. Resolves when the agent ends the connection;
 * the terminal is restored whatever happens.
 */
export async function pipeRawTerminal(o: PipeOptions): Promise<void> {
  const { stdin, stdout } = process;
  const resize = () => o.onResize(terminalSize());
  const raw = o.input && stdin.isTTY;
  const wasRaw = raw ? stdin.isRaw : false;
  if (raw) stdin.setRawMode(true);
  process.on('SIGWINCH', resize);
  if (o.head.length > 0) stdout.write(o.head);
  o.socket.on('data', (d: Buffer) => stdout.write(d));
  const onInput = (d: Buffer) => o.socket.write(d);
  if (o.input) {
    stdin.on('data', onInput);
    stdin.resume();
  }
  try {
    await new Promise<void>((resolve) => {
      o.socket.once('end', resolve);
      o.socket.once('close', resolve);
      o.socket.once('error', resolve);
    });
  } finally {
    process.off('SIGWINCH', resize);
    if (o.input) {
      stdin.off('data', onInput);
      stdin.pause();
    }
    if (raw) stdin.setRawMode(wasRaw);
    o.socket.destroy();
  }
}
