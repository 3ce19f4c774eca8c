import { performance } from 'node:perf_hooks';
import * as pty from 'node-pty';
import { BenchError } from '../lib/errors.js';

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
