/** Undo steps recorded during a multi-step operation, run in reverse on failure. */
export class Rollback {
  private readonly steps: Array<() => Promise<unknown> | unknown> = [];

  push(step: () => Promise<unknown> | unknown): void {
    this.steps.push(step);
  }

  /** Runs every step (newest first), ignoring their failures: the original error matters. */
  async run(): Promise<void> {
    for (const step of this.steps.reverse()) {
      try {
        await step();
      } catch {
        /* best effort */
      }
    }
    this.steps.length = 0;
  }
}
