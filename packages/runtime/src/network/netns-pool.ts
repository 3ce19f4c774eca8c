import { randomBytes } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import * as z from 'zod';
import { writeJsonAtomic } from './network-store.js';

/** What the pool does to the host (the real one in netns.ts; fakes in unit tests). */
export interface NetnsPoolIo {
  /** Makes `berth-<id>` namespaces with loopback up, for these container IDs. */
  create(ids: readonly string[]): Promise<void>;
  /**
   * Attaches a made namespace to the built-in network (its pooled attachment cache saved first,
   * so `remove` DELs it even after a crash); undoes what it did when it fails.
   */
  wire?(id: string): Promise<void>;
  /** Deletes these IDs' namespaces that exist, after DELing their pooled attachments if any. */
  remove(ids: readonly string[]): Promise<void>;
  /** Whether this ID's container has an attachment cache of its own (it owns the namespace). */
  claimed(id: string): Promise<boolean>;
}

/** What a create asks the pool for: a bare namespace, or one already on the built-in network. */
export type PoolKind = 'plain' | 'wired';

export interface NetnsPoolOptions {
  /** Ready namespaces to keep; 0 = no pool. */
  size: number;
  /** Besides those, ready namespaces already attached to the built-in network (needs `io.wire`). */
  wiredSize?: number;
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
 *
 * With `wiredSize`, as many more are also attached to the built-in network ahead (`io.wire`: the
 * bridge/host-local ADD, cached as the pool's), for creates that join only that network and
 * publish no ports; `io.remove` DELs such an attachment (lease, veth) before the namespace goes.
 */
export class NetnsPool {
  private ready: string[] = [];
  /** Ready and attached to the built-in network. */
  private wired: string[] = [];
  /** Taken by a create; the pool's until the container's cache exists (see `forget`). */
  private readonly taken = new Set<string>();
  private filling: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  private failures = 0;
  private wireFailures = 0;
  /** A refill was due while one ran: another follows it. */
  private again = false;

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
    if (listed.length > 0 || this.poolSize() > 0) await this.writeList([]);
    this.refill();
  }

  /**
   * A container ID whose namespace is ready, or null (the caller makes its own ID and netns).
   * `wired`: one already on the built-in network if there is one, else a bare one.
   */
  take(kind: PoolKind = 'plain'): string | null {
    if (this.closed) return null;
    const id = (kind === 'wired' ? this.wired.shift() : undefined) ?? this.ready.shift() ?? null;
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
    const ids = [...this.ready.splice(0), ...this.wired.splice(0)];
    await this.o.io.remove(ids);
    if (this.poolSize() > 0) await this.writeList([...this.taken]).catch(() => undefined);
  }

  private poolSize(): number {
    return this.o.size + (this.o.wiredSize ?? 0);
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
    if (this.filling) this.again = true;
    if (this.closed || this.filling || this.failures >= 3) return;
    const wire = this.o.io.wire?.bind(this.o.io);
    const wiredSize = wire && this.wireFailures < 3 ? (this.o.wiredSize ?? 0) : 0;
    const plainMissing = Math.max(0, this.o.size - this.ready.length);
    const wiredMissing = Math.max(0, wiredSize - this.wired.length);
    if (plainMissing + wiredMissing === 0) return;
    const make = () => (this.o.newId ?? newId)();
    const plain = Array.from({ length: plainMissing }, make);
    const toWire = Array.from({ length: wiredMissing }, make);
    const ids = [...plain, ...toWire];
    this.filling = (async () => {
      try {
        // listed before they exist: a crash in between leaves only names the next open skips
        await this.writeList([...this.ready, ...this.wired, ...this.taken, ...ids]);
        await this.o.io.create(ids);
        this.failures = 0;
      } catch (err) {
        this.failures++;
        await this.o.io.remove(ids).catch(() => undefined);
        this.o.onError?.(err);
        return;
      }
      if (this.closed) {
        await this.o.io.remove(ids).catch(() => undefined);
        return;
      }
      this.ready.push(...plain);
      // one at a time: each is a CNI ADD (a spawn of the agent), away from the request path
      for (const id of toWire) {
        try {
          if (this.closed) throw new Error('pool closed');
          await wire!(id);
          this.wireFailures = 0;
        } catch (err) {
          await this.o.io.remove([id]).catch(() => undefined);
          if (this.closed) continue;
          this.wireFailures++;
          this.o.onError?.(err);
          continue;
        }
        if (this.closed) await this.o.io.remove([id]).catch(() => undefined);
        else this.wired.push(id);
      }
    })().finally(() => {
      this.filling = null;
      // taken from while it ran (a wiring takes a while): top up again, after the usual delay
      if (this.again && !this.closed) this.scheduleRefill();
      this.again = false;
    });
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
