/**
 * A readers–writer lock for this process: many `shared` sections (pulls, loads) run together;
 * an `exclusive` section (garbage collection) waits for them and holds new ones back, so GC never
 * sweeps blobs or snapshots a running pull has written but not yet recorded (containerd's leases).
 */
export class RwLock {
  private readers = 0;
  private writer = false;
  private readonly waiting: Array<{ exclusive: boolean; start: () => void }> = [];

  async shared<T>(fn: () => Promise<T>): Promise<T> {
    await this.acquire(false);
    try {
      return await fn();
    } finally {
      this.readers--;
      this.drain();
    }
  }

  async exclusive<T>(fn: () => Promise<T>): Promise<T> {
    await this.acquire(true);
    try {
      return await fn();
    } finally {
      this.writer = false;
      this.drain();
    }
  }

  private acquire(exclusive: boolean): Promise<void> {
    return new Promise((resolve) => {
      this.waiting.push({ exclusive, start: resolve });
      this.drain();
    });
  }

  private drain(): void {
    while (this.waiting.length > 0 && !this.writer) {
      const next = this.waiting[0]!;
      if (next.exclusive) {
        if (this.readers > 0) return;
        this.waiting.shift();
        this.writer = true;
        next.start();
        return;
      }
      this.waiting.shift();
      this.readers++;
      next.start();
    }
  }
}
