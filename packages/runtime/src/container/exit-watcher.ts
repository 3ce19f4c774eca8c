import { watch, type FSWatcher } from 'node:fs';
import { mkdirSync } from 'node:fs';

/**
 * Notices conmon's exit files: fs.watch on the exits dir plus a poll (watch events can be missed).
 * `onCandidate(id)` is called with a file name or, on each poll tick, with nothing (check all).
 */
export class ExitWatcher {
  private watcher: FSWatcher | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly exitDir: string,
    private readonly pollMs: number,
    private readonly onCandidate: (id: string | null) => void,
  ) {}

  start(): void {
    mkdirSync(this.exitDir, { recursive: true });
    this.watcher = watch(this.exitDir, (_event, file) =>
      this.onCandidate(file ? String(file) : null),
    );
    this.watcher.on('error', () => undefined);
    this.timer = setInterval(() => this.onCandidate(null), this.pollMs);
    this.timer.unref();
  }

  stop(): void {
    this.watcher?.close();
    if (this.timer) clearInterval(this.timer);
  }
}
