import { randomBytes } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { writeJsonAtomic } from './network-store.js';

/** What the pool does to the host (the real one in netns.ts; fakes in unit tests). */
export interface NetnsPoolIo {
  /** Makes `berth-<id>` namespaces with loopback up, for these container IDs. */
  create(ids: readonly string[]): Promise<void>;
  /** Deletes the namespaces of these IDs that exist. */
  remove(ids: readonly string[]): Promise<void>;
  /** Whether this ID's container has an attachment cache (it owns the namespace). */
  claimed(id: string): Promise<boolean>;
}

export interface NetnsPoolOptions {
  /** Ready namespaces to keep; 0 = no pool. */
  size: number;
  /** `<data-root>/network/netns-pool.json`: the IDs whose namespace the pool made. */
  file: string;
  io: NetnsPoolIo;
  /** A refill waits this long after the last take, so it does not compete with a start. */
  refillDelayMs?: number;
  newId?: () => string;
  onError?: (err: unknown) => void;
}

const fileSchema = z.object({ ids: z.array(z.string().regex(/^[0-9a-f]{64}$/)) });

/**
 * A few network namespaces made ahead of time, each under the container ID it will be created
 * with (`berth-<id>`, loopback up), so a create with `--network none` or a bridge spawns nothing
 * for the namespace itself. The IDs the pool made are listed in a file (written before each
 * namespace exists): at open, every listed ID without an attachment cache — the pool's own after
 * an agent crash, or one taken by a create that never got to save its cache — has its namespace
 * deleted; `close` deletes what is still ready. After a host reboot the namespaces are gone and
 * the list only names missing ones.
 */
export class NetnsPool {
  private ready: string[] = [];
  /** Taken by a create; the pool's until the container's cache exists (see `forget`). */
  private readonly taken = new Set<string>();
  private filling: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  private failures = 0;

  constructor(private readonly o: NetnsPoolOptions) {}

  /**
   * Removes what a crashed agent left (unclaimed IDs of the list; also when this agent runs with
   * no pool), then fills.
   */
  async open(): Promise<void> {
    const listed = await this.readList();
    const stale: string[] = [];
    for (const id of listed) if (!(await this.o.io.claimed(id))) stale.push(id);
    await this.o.io.remove(stale);
    if (listed.length > 0 || this.o.size > 0) await this.writeList([]);
    this.refill();
  }

  /** A container ID whose namespace is ready, or null (the caller makes its own ID and netns). */
  take(): string | null {
    if (this.closed) return null;
    const id = this.ready.shift() ?? null;
    if (id) this.taken.add(id);
    this.scheduleRefill();
    return id;
  }

  /** Whether `id` came from `take` and its container has not saved its cache yet. */
  isTaken(id: string): boolean {
    return this.taken.has(id);
  }

  /** The container saved its cache: the namespace is its own now. */
  forget(id: string): void {
    this.taken.delete(id);
  }

  /** A taken ID whose container was never set up: its namespace goes. */
  async discard(id: string): Promise<void> {
    if (!this.taken.delete(id)) return;
    await this.o.io.remove([id]);
  }

  /** Agent stop: waits for a fill, deletes every ready namespace. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.filling;
    const ids = this.ready.splice(0);
    await this.o.io.remove(ids);
    if (this.o.size > 0) await this.writeList([...this.taken]).catch(() => undefined);
  }

  private scheduleRefill(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.refill();
    }, this.o.refillDelayMs ?? 300);
    this.timer.unref();
  }

  private refill(): void {
    if (this.closed || this.filling || this.failures >= 3) return;
    const missing = this.o.size - this.ready.length;
    if (missing <= 0) return;
    const ids = Array.from({ length: missing }, () => (this.o.newId ?? newId)());
    this.filling = (async () => {
      try {
        // listed before they exist: a crash in between leaves only names the next open skips
        await this.writeList([...this.ready, ...this.taken, ...ids]);
        await this.o.io.create(ids);
        this.failures = 0;
        if (this.closed) await this.o.io.remove(ids);
        else this.ready.push(...ids);
      } catch (err) {
        this.failures++;
        await this.o.io.remove(ids).catch(() => undefined);
        this.o.onError?.(err);
      } finally {
        this.filling = null;
      }
    })();
  }

  private async readList(): Promise<string[]> {
    try {
      const parsed = fileSchema.safeParse(JSON.parse(await readFile(this.o.file, 'utf8')));
      return parsed.success ? parsed.data.ids : [];
    } catch {
      return [];
    }
  }

  /** No fsync: after a host crash the namespaces are gone anyway. */
  private async writeList(ids: string[]): Promise<void> {
    await mkdir(dirname(this.o.file), { recursive: true });
    await writeJsonAtomic(this.o.file, { ids }, { sync: false });
  }
}

const newId = () => randomBytes(32).toString('hex');
