import { performance } from 'node:perf_hooks';

/**
 * Types `keys` letters one at a time into a canonical-mode tty, each timed to its echo; every 50
 * a Ctrl-U (kill line, untimed) so the line never fills and nothing but echoes comes back.
 */
export async function echoLoop(
  keys: number,
  write: (b: Buffer) => void,
  listen: (l: ((d: Buffer) => void) | null) => void,
): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < keys; i++) {
    const ch = String.fromCharCode(97 + (i % 26));
    const t0 = performance.now();
    await new Promise<void>((resolve) => {
      listen((d) => {
        if (d.includes(ch)) resolve();
      });
      write(Buffer.from(ch));
    });
    out.push(performance.now() - t0);
    listen(null);
    if (i % 50 === 49) {
      write(Buffer.from('\x15'));
      await new Promise((r) => setTimeout(r, 20));
    }
  }
  return out;
}
