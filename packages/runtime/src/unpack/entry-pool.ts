/**
 * Runs independent layer-entry writes concurrently, at most `limit` at a time, each keyed by the
 * path (relative to the layer root) it creates. Before starting an entry, the caller asks
 * `busy(rel)`: an entry whose path, or an ancestor of it, is still being written must wait for
 * `drain()`. The first failure is kept and rethrown by `check()` and `drain()`.
 */
export class EntryPool {
  private readonly running = new Map<string, Promise<void>>();
  private failure: { error: unknown } | undefined;

  constructor(private readonly limit: number) {}

  /** Whether `rel` or one of its ancestors is being written. */
  busy(rel: string): boolean {
    if (this.running.size === 0) return false;
    if (this.running.has(rel)) return true;
    for (let i = rel.indexOf('/'); i !== -1; i = rel.indexOf('/', i + 1))
      if (this.running.has(rel.slice(0, i))) return true;
    return false;
  }

  /** Starts `op` once a slot is free (the caller has checked `busy`). */
  async add(rel: string, op: () => Promise<void>): Promise<void> {
    while (this.running.size >= this.limit) await Promise.race(this.running.values());
    this.check();
    const run = op()
      .catch((error: unknown) => {
        this.failure ??= { error };
      })
      .finally(() => this.running.delete(rel));
    this.running.set(rel, run);
  }

  /** Throws the first failure of a finished op, if any. */
  check(): void {
    if (this.failure) throw this.failure.error;
  }

  /** Waits for every running op, then throws the first failure, if any. */
  async drain(): Promise<void> {
    await this.settle();
    this.check();
  }

  /** Waits for every running op, ignoring failures (before cleaning up after an error). */
  async settle(): Promise<void> {
    while (this.running.size > 0) await Promise.all(this.running.values());
  }
}
