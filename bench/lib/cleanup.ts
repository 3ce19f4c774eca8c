import { errorMessage } from './errors.js';

type CleanupFn = () => Promise<void> | void;

interface Entry {
  readonly name: string;
  readonly fn: CleanupFn;
}

const entries: Entry[] = [];
/** PIDs to SIGKILL if the process exits before the async cleanups had a chance to run. */
const livePids = new Set<number>();

/** Registers a cleanup (run last-in, first-out); the returned function unregisters it. */
export function onCleanup(name: string, fn: CleanupFn): () => void {
  const entry = { name, fn };
  entries.push(entry);
  return () => {
    const i = entries.indexOf(entry);
    if (i >= 0) entries.splice(i, 1);
  };
}

export function trackPid(pid: number): () => void {
  livePids.add(pid);
  return () => livePids.delete(pid);
}

let draining: Promise<void> | null = null;

/**
 * Runs every registered cleanup once, newest first; failures are reported, not thrown.
 * Concurrent callers (a signal during the normal shutdown) share the same pass.
 */
export function runCleanups(): Promise<void> {
  draining ??= drain().finally(() => (draining = null));
  return draining;
}

async function drain(): Promise<void> {
  while (entries.length > 0) {
    const entry = entries.pop()!;
    try {
      await entry.fn();
    } catch (err) {
      process.stderr.write(`bench: cleanup "${entry.name}" failed: ${errorMessage(err)}\n`);
    }
  }
}

let installed = false;

/** SIGINT/SIGTERM → run cleanups, then exit; on any exit, SIGKILL what is still tracked. */
export function installCleanupHandlers(): void {
  if (installed) return;
  installed = true;
  const onSignal = (sig: NodeJS.Signals) => {
    process.stderr.write(`\nbench: ${sig}, cleaning up…\n`);
    void runCleanups().finally(() => process.exit(sig === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  process.on('exit', () => {
    for (const pid of livePids) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  });
}

/** Runs `main` with cleanup handlers installed; cleans up and sets the exit code either way. */
export async function runMain(main: () => Promise<void>): Promise<void> {
  installCleanupHandlers();
  try {
    await main();
  } catch (err) {
    process.stderr.write(`bench: ${errorMessage(err)}\n`);
    process.exitCode = 1;
  } finally {
    await runCleanups();
  }
}
