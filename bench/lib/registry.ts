import { startRegistry as startTestRegistry, type TestRegistry } from '@berth/testkit';
import { onCleanup, trackPid } from './cleanup.js';

export type BenchRegistry = TestRegistry;

/**
 * Debian's `docker-registry` (distribution 2.8) on a free 127.0.0.1 port in a temp dir — the
 * shared test kit's, plus cleanup on exit/SIGINT. Stopped by PID.
 */
export async function startRegistry(): Promise<BenchRegistry> {
  const reg = await startTestRegistry();
  const untrack = trackPid(reg.pid);
  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      unregister();
      await reg.stop();
      untrack();
    })());
  const unregister = onCleanup(`stop docker-registry (pid ${reg.pid})`, stop);
  return { ...reg, stop };
}
