import { performance } from 'node:perf_hooks';
import type { Stats } from '@berth/runtime';
import type { FsUsage, HostStatsSample, StatsPoint } from '@berth/protocol';
import { errorMessage } from '../errors.js';
import type { Logger } from '@berth/log';
import { ColumnRing } from './column-ring.js';
import { RingSlabs } from './ring-slabs.js';
import type { Derived } from './derived.js';
import type { HostReading } from './host-stats.js';
import { StatsSubscriptions } from './subscriptions.js';
import { toStatsPoint, POINT_FIELDS, HOST_FIELDS, FLOAT32_POINT_FIELDS } from './points.js';
import type { PointField, HostField } from './points.js';
import { TrackedContainer, type StatsSource } from './tracked.js';
import type { TickReading } from './readings.js';

export type { StatsHandle, StatsSource } from './tracked.js';
export type { TickReading } from './readings.js';

/** One tick's reading of a container and what the agent derived from it and the previous one. */
export interface LiveSample extends Derived {
  containerId: string;
  stats: Stats;
}

export interface SummaryContainer {
  id: string;
  cpuPercent: number | null;
  memoryUsage: number | null;
  memoryLimit: number | null;
  cpuPercentOfLimit: number | null;
  cpuUsageNs: number | null;
  memoryWorkingSet: number | null;
  oomKills: number | null;
}

/**
 * A live container's last two tick readings of its current run (the Docker API's one-shot stats
 * answer from them: current + previous as Docker's precpu). Network counters may be a few ticks
 * old (see `networkEveryTicks`), limits up to `limitsEveryTicks` (an `update` resets them).
 */
export interface RecentReadings {
  /** The run they belong to. */
  pid: number;
  current: TickReading;
  /** Null until the run has been read twice. */
  previous: TickReading | null;
}

export interface SamplerOptions {
  source: StatsSource;
  readHost: (at: number) => Promise<HostReading>;
  onBatch: (batch: { at: number; host?: HostStatsSample; samples: LiveSample[] }) => void;
  onSummary: (summary: {
    at: number;
    host: HostStatsSample;
    containers: SummaryContainer[];
    dataRoot?: FsUsage | null;
  }) => void;
  /** Space of the data root's file system, read once per summary (absent: not reported). */
  readDisk?: () => Promise<FsUsage | null>;
  log: Logger;
  onlineCpus: number;
  intervalMs?: number;
  summaryEveryMs?: number;
  historyMs?: number;
  /** Read unsubscribed containers' network counters every N ticks (default 5); subscribed: every tick. */
  networkEveryTicks?: number;
  /** Re-read limits (quota, memory/pids limits, OOM kills) every N ticks (default 10). */
  limitsEveryTicks?: number;
  now?: () => number;
}

/**
 * One sampler for every live container: each tick reads all of them in one pass, derives CPU
 * percentages and counter rates (their one owner), appends to per-container 15-minute rings, emits a batch for subscribed containers
 * (and the host) and, every `summaryEveryMs`, a summary of all live ones.
 */
export class StatsSampler {
  readonly subscriptions = new StatsSubscriptions();
  readonly intervalMs: number;
  readonly #summaryEveryMs: number;
  readonly #capacity: number;
  readonly #rings = new Map<string, ColumnRing<PointField>>();
  readonly #slabs: RingSlabs;
  /** Live containers' open runs, with their readings (the last ones kept between ticks). */
  readonly #open = new Map<string, TrackedContainer>();
  /** Containers whose next read re-reads limits (after an update). */
  readonly #stale = new Set<string>();
  readonly #networkEvery: number;
  readonly #limitsEvery: number;
  #ticks = 0;
  readonly #hostRing: ColumnRing<HostField>;
  readonly #now: () => number;
  #timer: NodeJS.Timeout | undefined;
  #running = false;
  #lastSummary = 0;
  #lastHost: HostStatsSample | null = null;
  #cost = { ticks: 0, totalMs: 0, maxMs: 0, cpuMs: 0, containers: 0 };

  constructor(private readonly opts: SamplerOptions) {
    this.intervalMs = opts.intervalMs ?? 1000;
    this.#summaryEveryMs = opts.summaryEveryMs ?? 10_000;
    this.#capacity = Math.max(1, Math.round((opts.historyMs ?? 15 * 60_000) / this.intervalMs));
    this.#hostRing = new ColumnRing(HOST_FIELDS, this.#capacity);
    this.#slabs = new RingSlabs(
      ColumnRing.bytes(POINT_FIELDS, this.#capacity, FLOAT32_POINT_FIELDS),
    );
    this.#now = opts.now ?? Date.now;
    this.#networkEvery = Math.max(1, opts.networkEveryTicks ?? 5);
    this.#limitsEvery = Math.max(1, opts.limitsEveryTicks ?? 10);
  }

  start(): void {
    if (this.#timer) return;
    this.#lastSummary = this.#now();
    this.#timer = setInterval(() => void this.tick(), this.intervalMs);
  }

  /** Stops ticking and closes every open stat file. */
  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
    for (const id of [...this.#open.keys()]) this.#close(id);
  }

  /** fds' owners currently open (one per followed container; for tests and diagnostics). */
  get openContainers(): number {
    return this.#open.size;
  }

  /** One sampling pass (public for tests); a pass still running makes the next one a no-op. */
  async tick(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    try {
      await this.#sample(this.#now());
    } catch (err) {
      this.opts.log.warn(`stats: sampling failed: ${errorMessage(err)}`);
    } finally {
      this.#running = false;
      this.#recordCost(performance.now() - t0, process.cpuUsage(cpu0));
    }
  }

  history(containerId: string, sinceMs?: number): StatsPoint[] {
    return this.#rings.get(containerId)?.rows(sinceMs) ?? [];
  }

  /**
   * The last two readings of a live container's current run, when the newer one is at most
   * `maxAgeMs` old (default three intervals: a sampler that fell behind is not answered from).
   */
  recent(containerId: string, maxAgeMs = 3 * this.intervalMs): RecentReadings | null {
    const t = this.#open.get(containerId);
    const at = t?.readings.recentAt ?? null;
    if (!t || at === null || this.#now() - at > maxAgeMs) return null;
    const r = t.readings.recent();
    return r && { pid: t.pid, ...r };
  }

  /**
   * A container's limits changed (`update`): forget its recent readings (they carry the old
   * limits) and re-read its limits on the next tick.
   */
  invalidate(containerId: string): void {
    this.#open.get(containerId)?.readings.forgetRecent();
    this.#stale.add(containerId);
  }

  hostHistory(sinceMs?: number): HostStatsSample[] {
    return this.#hostRing
      .rows(sinceMs)
      .map((r) => ({ ...r, cpus: r.cpus ?? this.opts.onlineCpus }));
  }

  /** Sends a summary now (e.g. right after the link connects) if a host sample exists. */
  summarizeNow(): void {
    if (this.#lastHost) void this.#summarize(this.#now(), this.#lastHost);
  }

  async #sample(at: number): Promise<void> {
    const all = this.opts.source.containers();
    const tick = this.#ticks++;
    const network = tick % this.#networkEvery === 0;
    const full = tick % this.#limitsEvery === 0;
    const samples: LiveSample[] = [];
    const read: TrackedContainer[] = [];
    for (const c of all) {
      if (!c.live || c.pid === null) continue;
      const subscribed = this.subscriptions.has(c.id);
      const updated = this.#stale.delete(c.id);
      const t = this.#read(c.id, c.pid, network || subscribed, full || updated);
      if (!t) continue;
      const { tracked, stats, derived } = t;
      this.#ring(c.id).push(toStatsPoint(stats, derived));
      read.push(tracked);
      if (subscribed) samples.push({ containerId: c.id, stats, ...derived });
    }
    this.#forgetGone(all);
    const { sample: host, systemCpuNs } = await this.opts.readHost(at);
    // a container closed meanwhile (gone, or its run ended) has no recent readings
    for (const t of read) if (this.#open.get(t.id) === t) t.remember(systemCpuNs);
    this.#lastHost = host;
    this.#hostRing.push(host);
    if (samples.length > 0 || this.subscriptions.host) {
      this.opts.onBatch(this.subscriptions.host ? { at, host, samples } : { at, samples });
    }
    if (at - this.#lastSummary >= this.#summaryEveryMs) await this.#summarize(at, host);
  }

  /** Samples one live container through its open handle (opened on first sight of this run). */
  #read(
    id: string,
    pid: number,
    network: boolean,
    full: boolean,
  ): { tracked: TrackedContainer; stats: Stats; derived: Derived } | null {
    try {
      let t = this.#open.get(id);
      if (t?.pid !== pid) {
        if (t) this.#close(id); // restarted between two ticks: a new run has new files
        t = new TrackedContainer(id, this.opts.source.open(id), this.opts.onlineCpus);
        this.#open.set(id, t);
      }
      return { tracked: t, ...t.read(network, full) };
    } catch {
      // stopped between list and read: its series restarts next time it runs
      this.#close(id);
      return null;
    }
  }

  /** Closes a run's files; its readings (recent ones, the base of the next rates) go with it. */
  #close(id: string): void {
    this.#open.get(id)?.close();
    this.#open.delete(id);
  }

  #ring(id: string): ColumnRing<PointField> {
    let ring = this.#rings.get(id);
    if (!ring) {
      // a slot of a slab, given back (ring.storage) when the container goes
      ring = new ColumnRing(POINT_FIELDS, this.#capacity, {
        float32: FLOAT32_POINT_FIELDS,
        storage: this.#slabs.take(),
      });
      this.#rings.set(id, ring);
    }
    return ring;
  }

  /** Stopped containers keep their history but close their files and restart their CPU series; removed ones go. */
  #forgetGone(all: { id: string; live: boolean; pid: number | null }[]): void {
    const known = new Map(all.map((c) => [c.id, c]));
    for (const id of [...this.#open.keys()]) {
      const c = known.get(id);
      if (!c || !c.live || c.pid === null) this.#close(id);
    }
    for (const [id, ring] of this.#rings) {
      if (known.has(id)) continue;
      this.#rings.delete(id);
      this.#slabs.give(ring.storage);
    }
    for (const id of this.subscriptions.ids()) if (!known.has(id)) this.subscriptions.remove([id]);
    for (const id of this.#stale) if (!known.has(id)) this.#stale.delete(id);
  }

  async #summarize(at: number, host: HostStatsSample): Promise<void> {
    this.#lastSummary = at;
    const since = at - this.#summaryEveryMs;
    const live = new Set(
      this.opts.source
        .containers()
        .filter((c) => c.live)
        .map((c) => c.id),
    );
    const containers: SummaryContainer[] = [];
    for (const [id, ring] of this.#rings) {
      const last = ring.latest();
      if (!live.has(id) || !last || last.at < since) continue;
      const counters = this.#open.get(id)?.readings.latestCounters();
      containers.push({
        id,
        cpuPercent: ring.mean('cpuPercent', since),
        memoryUsage: last.memoryUsage,
        memoryLimit: last.memoryLimit,
        cpuPercentOfLimit: ring.mean('cpuPercentOfLimit', since),
        cpuUsageNs: counters?.cpuUsageNs ?? null,
        memoryWorkingSet: last.memoryWorkingSet,
        oomKills: counters?.oomKills ?? null,
      });
    }
    const dataRoot = this.opts.readDisk ? await this.opts.readDisk().catch(() => null) : undefined;
    this.opts.onSummary({ at, host, containers, ...(dataRoot === undefined ? {} : { dataRoot }) });
    const c = this.#cost;
    if (c.ticks > 0) {
      this.opts.log.debug(
        `stats: ${c.ticks} ticks, ${c.containers} containers, mean ${(c.totalMs / c.ticks).toFixed(1)} ms, max ${c.maxMs.toFixed(1)} ms, cpu mean ${(c.cpuMs / c.ticks).toFixed(1)} ms`,
      );
    }
    this.#cost = { ticks: 0, totalMs: 0, maxMs: 0, cpuMs: 0, containers: 0 };
  }

  /** Wall time of a tick and the process CPU time it used (user + system, all threads). */
  #recordCost(ms: number, cpu: NodeJS.CpuUsage): void {
    const c = this.#cost;
    c.ticks++;
    c.cpuMs += (cpu.user + cpu.system) / 1000;
    c.totalMs += ms;
    c.maxMs = Math.max(c.maxMs, ms);
    c.containers = this.#rings.size;
  }
}
