import { performance } from 'node:perf_hooks';
import * as pty from 'node-pty';
import { BenchError } from '../lib/errors.js';
import { echoLoop } from './echo-loop.js';

export interface PtyFloor {
  seconds: number;
  bytes: number;
  /** PTY reads the way node-pty delivers them (one `data` callback each). */
  chunks: number;
  maxChunk: number;
}

/**
 * The floor under every terminal figure: `runc exec --tty <id> cat FILE` under node-pty in the
 * bench process, as the agent runs it (same runc, same root, same container), with no agent, web
 * or socket.io. It measures the kernel's two PTYs (the container's console, which runc copies
 * from, and node-pty's), runc's copy loop and the scheduler — what the relay cannot beat.
 */
export function ptyFloor(opts: { runcRoot: string; containerId: string; file: string }) {
  const started = performance.now();
  const term = pty.spawn(
    '/usr/sbin/runc',
    ['--root', opts.runcRoot, 'exec', '--tty', opts.containerId, 'cat', opts.file],
    {
      name: 'xterm-256color',
      cols: 160,
      rows: 40,
      env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin' },
      encoding: null,
    },
  );
  let bytes = 0;
  let chunks = 0;
  let maxChunk = 0;
  // with `encoding: null` node-pty emits Buffers; its typings still say string
  term.onData(((d: Buffer) => {
    bytes += d.length;
    chunks++;
    maxChunk = Math.max(maxChunk, d.length);
  }) as unknown as (d: string) => void);
  return new Promise<PtyFloor>((resolve, reject) => {
    term.onExit(({ exitCode }) => {
      if (exitCode !== 0) return reject(new BenchError(`runc exec cat exited ${exitCode}`));
      resolve({ seconds: (performance.now() - started) / 1000, bytes, chunks, maxChunk });
    });
  });
}

/** Echo latency of the same path: letters into `runc exec --tty <id> cat`, each to its echo. */
export async function ptyEcho(opts: {
  runcRoot: string;
  containerId: string;
  keys: number;
}): Promise<number[]> {
  const term = pty.spawn(
    '/usr/sbin/runc',
    ['--root', opts.runcRoot, 'exec', '--tty', opts.containerId, 'cat'],
    {
      name: 'xterm-256color',
      cols: 160,
      rows: 40,
      env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin' },
      encoding: null,
    },
  );
  let waiting: ((d: Buffer) => void) | null = null;
  term.onData(((d: Buffer) => waiting?.(d)) as unknown as (d: string) => void);
  const exited = new Promise<void>((r) => term.onExit(() => r()));
  // runc sets up the console before cat reads: wait for the first echo to come back
  await new Promise((r) => setTimeout(r, 300));
  try {
    return await echoLoop(
      opts.keys,
      (b) => term.write(b as unknown as string),
      (w) => (waiting = w),
    );
  } finally {
    term.write('\n\x04');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 2000))]);
    try {
      term.kill();
    } catch {
      /* gone */
    }
  }
}
