import type { ContainerManagerOptions } from './deps.js';
import type { KeyedMutex } from './keyed-mutex.js';
import { abandonLaunch, prepareLaunch } from './launch.js';
import type { ContainerRecord } from './record.js';

interface Pending {
  /** The parked init's pid; null when the prelaunch failed (it left nothing behind). */
  pid: Promise<number | null>;
  timer?: NodeJS.Timeout;
}

/**
 * The first half of a start (`conmon → runc create`, see `prepareLaunch`) run as soon as a
 * container is created, so a start that follows at once (`docker run`: create, then start) only
 * has the second half left (the exec fifo). The container's process does not run: runc's init
 * waits at the exec fifo, confined as for a start, until the start opens it. The record stays
 * `created` and says nothing of it.
 *
 * Each prelaunch runs under the container's lock, queued before anything else on that
 * container. Every other change to the container (under its lock) first drops it (`drop`: the
 * runtime container is deleted, as after a failed start), and so does a timer `ttlMs` after it
 * is made when no start came, and `close`. Only the start takes it (`take`).
 */
export class Prelaunches {
  private readonly pending = new Map<string, Pending>();
  private closed = false;

  constructor(
    private readonly o: { deps: ContainerManagerOptions; locks: KeyedMutex; ttlMs: number },
  ) {}

  /** Starts the prelaunch of a container just created (call before returning the create). */
  begin(rec: ContainerRecord): void {
    if (this.closed || this.o.ttlMs <= 0 || this.pending.has(rec.id)) return;
    const entry: Pending = {
      pid: this.o.locks
        .run(rec.id, () => prepareLaunch(this.o.deps, rec))
        .then(
          (pid) => pid,
          () => null,
        ),
    };
    this.pending.set(rec.id, entry);
    void entry.pid.then(() => {
      if (this.pending.get(rec.id) !== entry) return;
      entry.timer = setTimeout(() => {
        void this.o.locks.run(rec.id, () => this.drop(rec.id)).catch(() => undefined);
      }, this.o.ttlMs);
      entry.timer.unref();
    });
  }

  /** The start's half (under the container's lock): the parked init's pid, or null. */
  async take(id: string): Promise<number | null> {
    const entry = this.pending.get(id);
    if (!entry) return null;
    this.pending.delete(id);
    clearTimeout(entry.timer);
    return entry.pid;
  }

  /** Any other change (under the container's lock): the runtime container goes. Never throws. */
  async drop(id: string): Promise<void> {
    const pid = await this.take(id);
    if (pid !== null) await abandonLaunch(this.o.deps, id);
  }

  /** Agent stop: every prelaunch is dropped, none begins. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(
      [...this.pending.keys()].map((id) =>
        this.o.locks.run(id, () => this.drop(id)).catch(() => undefined),
      ),
    );
  }
}
