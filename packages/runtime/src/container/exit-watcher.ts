import { watch, type FSWatcher } from 'node:fs';
import { mkdirSync } from 'node:fs';
import { readdir } from 'node:fs/promises';

/** Every this many polls, ask for a check of every container (not only listed exit files). */
const FULL_CHECK_EVERY = 20;

/**
 * Notices conmon's exit files: fs.watch on the exits dir plus one shared poll (watch events can
 * be missed). A poll lists the exits dir once and names only the containers that have an exit
 * file there; every 20th poll asks for a full check (`onCandidate(null)`), which also covers an
 * exit recorded only in a container's persist dir. So an idle host with N running containers
 * costs one readdir per poll, not N file reads.
 */
export class ExitWatcher {
  private watcher: FSWatcher | undefined;
  private timer: NodeJS.Timeout | undefined;
  private polls = 0;
  private polling = false;

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
    this.timer = setInterval(() => void this.poll(), this.pollMs);
    this.timer.unref();
  }

  stop(): void {
    this.watcher?.close();
    if (this.timer) clearInterval(this.timer);
  }

  private async poll(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      if (++this.polls % FULL_CHECK_EVERY === 0) {
        this.onCandidate(null);
        return;
      }
      const names = await readdir(this.exitDir).catch(() => null);
      if (names === null) this.onCandidate(null);
      else for (const n of names) this.onCandidate(n);
    } finally {
      this.polling = false;
    }
  }
}
