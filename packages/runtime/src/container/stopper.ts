import { RuntimeError, isRuntimeError } from '../errors.js';
import type { OciRuntime } from '../oci-runtime/types.js';
import type { ContainerRecord } from './record.js';
import { UNKNOWN_EXIT } from './reconcile.js';
import type { ExitSupervisor } from './supervisor.js';

/** How long a SIGKILLed container may take until conmon writes its exit file. */
const KILLED_EXIT_MS = 10_000;

/** A stop waiting out its grace period. */
interface GraceWait {
  hurry(): void;
  done: Promise<unknown>;
}

/**
 * Ends a container's process: the stop signal, the grace period, SIGKILL, and the exit code
 * conmon wrote. The manager calls it under the container's lock and records the exit itself,
 * so nothing else changes the container meanwhile — except that a SIGKILL asked for during the
 * grace period (`hurry`) ends the wait at once instead of queueing behind it.
 */
export class Stopper {
  private readonly waits = new Map<string, GraceWait>();

  constructor(
    private readonly runtime: OciRuntime,
    private readonly supervisor: ExitSupervisor,
  ) {}

  /** Stops a running or paused container; returns its exit code (not yet recorded). */
  async stop(rec: ContainerRecord, timeoutSeconds: number): Promise<number> {
    // a frozen process cannot handle its stop signal
    if (rec.state === 'paused') return this.kill(rec);
    await this.signal(rec.id, rec.stopSignal);
    const code = await this.graceWait(rec.id, timeoutSeconds * 1000);
    if (code !== null) return code;
    await this.signal(rec.id, 'SIGKILL', true);
    return this.killedExitCode(rec.id);
  }

  /** SIGKILL (thawing a paused container so it can die); returns the exit code (not yet recorded). */
  async kill(rec: ContainerRecord): Promise<number> {
    await this.signal(rec.id, 'SIGKILL', true);
    if (rec.state === 'paused') await this.runtime.resume(rec.id).catch(() => undefined);
    return this.killedExitCode(rec.id);
  }

  /** Ends a stop's grace period now; resolves once that stop has killed. False without one. */
  async hurry(id: string): Promise<boolean> {
    const wait = this.waits.get(id);
    if (!wait) return false;
    wait.hurry();
    await wait.done.catch(() => undefined);
    return true;
  }

  /** Sends a signal; a container already gone is not an error (its exit is in the exit file). */
  async signal(id: string, signal: string, all = false): Promise<void> {
    await this.runtime.kill(id, signal, { all }).catch((e: unknown) => {
      if (!isRuntimeError(e, 'NOT_FOUND') && !isRuntimeError(e, 'FAILED_PRECONDITION')) throw e;
    });
  }

  private async graceWait(id: string, ms: number): Promise<number | null> {
    let hurry!: () => void;
    const hurried = new Promise<void>((resolve) => (hurry = resolve));
    const done = this.supervisor.exitCode(id, ms, hurried);
    this.waits.set(id, { hurry, done });
    try {
      return await done;
    } finally {
      this.waits.delete(id);
    }
  }

  /** conmon's code after SIGKILL, or UNKNOWN_EXIT when the container is gone without one. */
  private async killedExitCode(id: string): Promise<number> {
    const code = await this.supervisor.exitCode(id, KILLED_EXIT_MS);
    if (code !== null) return code;
    const st = await this.runtime.state(id);
    if (st && st.status !== 'stopped')
      throw new RuntimeError('UNAVAILABLE', `container ${id} did not exit after SIGKILL`);
    return UNKNOWN_EXIT;
  }
}
