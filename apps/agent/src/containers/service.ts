import { availableParallelism } from 'node:os';
import type {
  ContainerInspect,
  ContainerStats,
  ContainerSummary,
  CreateContainerRequest,
  CreateContainerResponse,
  ExecRequest,
  ExecResult,
  LogLine,
  TopResponse,
  UpdateContainerRequest,
  Volume,
  WaitResponse,
} from '@berth/protocol';
import {
  runConfigFromImage,
  type AttachSession,
  type ContainerStatsHandle,
  type ContainerEvent as RuntimeEvent,
  type ContainerManager,
  type ContainerRecord,
  type CpuSample,
  type ImageEngine,
  type RootfsProvider,
  type TerminalSize,
  type Volume as RuntimeVolume,
} from '@berth/runtime';
import type { Logger } from '../log.js';
import { errorMessage } from '../errors.js';
import { containerInspect, containerSummary, imageName } from './dto.js';
import type { EventBus } from './events.js';
import { eventTypeOf } from './events.js';
import { ExecSessions } from './exec-sessions.js';
import { toCreateOptions, toUpdateInput } from './request.js';
import { toContainerStats } from './stats.js';
import { topOf } from './top.js';

export interface LogQuery {
  follow?: boolean;
  tail?: number;
  since?: Date;
  stdout?: boolean;
  stderr?: boolean;
  signal?: AbortSignal;
}

/**
 * The agent's one view of the container engine, in protocol DTOs: REST routes (and later RPCs)
 * call it. Adds what the runtime leaves to its caller: image resolution, docker-style events,
 * `--rm` (auto-remove after exit), CPU percentages between samples, interactive exec registry.
 */
export class ContainerService {
  readonly execs = new ExecSessions();
  readonly #lastCpu = new Map<string, CpuSample>();
  readonly #followers = new Map<string, number>();
  readonly #images = new Map<string, string>();
  #manager: ContainerManager | null = null;
  #rootfs: RootfsProvider | null = null;

  constructor(
    readonly imageEngine: ImageEngine,
    readonly events: EventBus,
    private readonly log: Logger,
  ) {}

  /** Set once the manager is open (the manager's onEvent needs this service first). */
  bindManager(manager: ContainerManager, rootfs?: RootfsProvider): void {
    this.#manager = manager;
    this.#rootfs = rootfs ?? null;
    for (const r of manager.list()) this.#images.set(r.id, imageName(r));
  }

  get #m(): ContainerManager {
    if (!this.#manager) throw new Error('container manager not open yet');
    return this.#manager;
  }

  /** The full ID of a container named by ID, name or unique prefix (NOT_FOUND otherwise). */
  resolveId(ref: string): string {
    return this.#m.get(ref).id;
  }

  /** The container's name; '' for an unknown one. */
  nameOf(id: string): string {
    try {
      return this.#m.get(id).name;
    } catch {
      return '';
    }
  }

  summary(ref: string): ContainerSummary {
    return containerSummary(this.#m.get(ref));
  }

  /** The host PID of a running or paused container's init; null otherwise (or when unknown). */
  initPid(id: string): number | null {
    try {
      const rec = this.#m.get(id);
      return rec.state === 'running' || rec.state === 'paused' ? rec.pid : null;
    } catch {
      return null;
    }
  }

  /** What the stats sampler reads: every container, live = running or paused (cgroup exists). */
  statsTargets(): Array<{ id: string; live: boolean; pid: number | null }> {
    return this.#m.list().map((r) => ({
      id: r.id,
      live: r.state === 'running' || r.state === 'paused',
      pid: r.pid,
    }));
  }

  openStats(id: string): ContainerStatsHandle {
    return this.#m.openStats(id);
  }

  /** Attaches to the main process (from its next start when it is not running). */
  attach(ref: string, size?: TerminalSize): Promise<AttachSession> {
    return this.#m.attach(ref, { size });
  }

  resize(ref: string, size: TerminalSize): void {
    this.#m.resize(ref, size);
  }

  /** Runs a check command in the container; its exit code. Not reported as exec events. */
  async probe(ref: string, cmd: string[]): Promise<number> {
    return (await this.#m.exec(ref, { cmd })).exitCode;
  }

  counts(): { total: number; running: number } {
    const all = this.#manager?.list() ?? [];
    return { total: all.length, running: all.filter((r) => r.state === 'running').length };
  }

  /** Agent shutdown: stop watching exits and hang up terminals; containers keep running. */
  close(): void {
    this.execs.closeAll();
    this.#manager?.close();
  }

  /** Whether any container (in any state) was created from this image ID. */
  isImageInUse(imageId: string): boolean {
    return this.#manager?.list().some((r) => r.image.ref === imageId) ?? false;
  }

  /** The manager's lifecycle events → docker-style events; auto-removes `--rm` containers. */
  onRuntimeEvent(e: RuntimeEvent): void {
    const type = eventTypeOf(e.type);
    let rec: ContainerRecord | null = null;
    try {
      rec = this.#manager?.get(e.id) ?? null;
    } catch {
      rec = null;
    }
    if (rec) this.#images.set(rec.id, imageName(rec));
    if (type) {
      this.events.container({
        type,
        id: e.id,
        name: e.name,
        image: this.#images.get(e.id) ?? '',
        at: e.timestamp,
        ...(e.exitCode === undefined ? {} : { exitCode: e.exitCode }),
        ...(e.oomKilled === undefined ? {} : { oomKilled: e.oomKilled }),
      });
    }
    if (e.type === 'remove') {
      this.#images.delete(e.id);
      this.#lastCpu.delete(e.id);
    }
    if (e.type === 'exit' && rec?.options.autoRemove === true && rec.state === 'exited')
      void this.#autoRemove(e.id);
  }

  async #autoRemove(id: string): Promise<void> {
    // let `logs -f` readers drain the log before the directory goes (bounded: 5 s)
    for (let i = 0; i < 100 && (this.#followers.get(id) ?? 0) > 0; i++)
      await new Promise((r) => setTimeout(r, 50));
    try {
      const rec = this.#m.get(id);
      if (rec.state === 'exited' && rec.restartPolicy.name === 'no') await this.#m.remove(id);
    } catch (err) {
      this.log.warn(`auto-remove of ${id.slice(0, 12)} failed: ${errorMessage(err)}`);
    }
  }

  async create(req: CreateContainerRequest): Promise<CreateContainerResponse> {
    const image = await this.imageEngine.resolve(req.image);
    const cfg = (await this.imageEngine.inspect(image.id)).config;
    const config = runConfigFromImage({
      Env: [...cfg.env],
      Cmd: cfg.cmd ? [...cfg.cmd] : null,
      Entrypoint: cfg.entrypoint ? [...cfg.entrypoint] : null,
      WorkingDir: cfg.workingDir,
      User: cfg.user,
      StopSignal: cfg.stopSignal,
    });
    const options = toCreateOptions(req);
    const rec = await this.#m.create({ image: { ref: image.id, config }, options });
    return { id: rec.id, name: rec.name, warnings: [] };
  }

  /**
   * Create, then start. When the start fails the container stays created (as with `docker run`)
   * unless it was asked to remove itself (`autoRemove`); the start's error is what the caller gets.
   */
  async createAndStart(req: CreateContainerRequest): Promise<CreateContainerResponse> {
    const created = await this.create(req);
    try {
      await this.start(created.id);
    } catch (err) {
      if (req.autoRemove) await this.remove(created.id, true).catch(() => undefined);
      throw err;
    }
    return created;
  }

  list(all: boolean): ContainerSummary[] {
    return this.#m
      .list()
      .filter((r) => all || r.state === 'running' || r.state === 'paused')
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
      .map(containerSummary);
  }

  inspect(ref: string): ContainerInspect {
    return containerInspect(this.#m.get(ref));
  }

  async start(ref: string): Promise<ContainerSummary> {
    const rec = this.#m.get(ref);
    // after a host reboot the overlay is gone: mount it again (a no-op while it is mounted)
    if (rec.state === 'created' || rec.state === 'exited')
      await this.#rootfs?.prepare(rec.id, rec.image);
    return containerSummary(await this.#m.start(rec.id));
  }

  async stop(ref: string, timeout?: number): Promise<ContainerSummary> {
    const rec = await this.#m.stop(ref, { timeout });
    this.#emit('stop', rec);
    return containerSummary(rec);
  }

  async restart(ref: string, timeout?: number): Promise<ContainerSummary> {
    const rec = await this.#m.restart(ref, { timeout });
    this.#emit('restart', rec);
    return containerSummary(rec);
  }

  async kill(ref: string, signal = 'SIGKILL'): Promise<ContainerSummary> {
    const rec = this.#m.get(ref);
    const after = await this.#m.kill(rec.id, signal);
    this.#emit('kill', rec, { signal });
    return containerSummary(after);
  }

  async pause(ref: string): Promise<ContainerSummary> {
    return containerSummary(await this.#m.pause(ref));
  }

  async unpause(ref: string): Promise<ContainerSummary> {
    return containerSummary(await this.#m.unpause(ref));
  }

  async rename(ref: string, name: string): Promise<ContainerSummary> {
    return containerSummary(await this.#m.rename(ref, name));
  }

  async update(ref: string, req: UpdateContainerRequest): Promise<ContainerSummary> {
    return containerSummary(await this.#m.update(ref, toUpdateInput(req)));
  }

  wait(ref: string): Promise<WaitResponse> {
    return this.#m.wait(ref);
  }

  async remove(ref: string, force: boolean): Promise<void> {
    await this.#m.remove(ref, { force });
  }

  /** Log lines; with `follow`, until the container exits or the signal aborts. */
  async *logs(ref: string, q: LogQuery): AsyncGenerator<LogLine> {
    const id = this.#m.get(ref).id;
    this.#followers.set(id, (this.#followers.get(id) ?? 0) + 1);
    try {
      for await (const e of this.#m.logs(id, q)) {
        yield { stream: e.stream, time: e.time, text: e.text };
      }
    } finally {
      this.#followers.set(id, (this.#followers.get(id) ?? 1) - 1);
    }
  }

  /** One normalized sample; CPU percentages relative to this container's previous sample. */
  async stats(ref: string): Promise<ContainerStats> {
    const rec = this.#m.get(ref);
    const s = await this.#m.stats(rec.id);
    const prev = this.#lastCpu.get(rec.id) ?? null;
    this.#lastCpu.set(rec.id, { usageNs: s.cpu.usageNs, timestampMs: s.timestampMs });
    return toContainerStats(rec, s, prev, availableParallelism());
  }

  async top(ref: string): Promise<TopResponse> {
    const rec = this.#m.get(ref);
    if (rec.state !== 'running' && rec.state !== 'paused')
      return { titles: ['UID', 'PID', 'PPID', 'STIME', 'TIME', 'CMD'], processes: [] };
    return topOf(rec.cgroupsPath);
  }

  async exec(ref: string, req: ExecRequest): Promise<ExecResult> {
    const rec = this.#m.get(ref);
    this.#emit('exec_start', rec);
    const r = await this.#m.exec(rec.id, execOptions(req));
    this.#emit('exec_die', rec, { exitCode: r.exitCode });
    return r;
  }

  /** Opens an interactive PTY exec; returns its ID (see `execs`). */
  async openTerminal(ref: string, req: ExecRequest, size: TerminalSize): Promise<string> {
    const rec = this.#m.get(ref);
    const session = await this.#m.openTerminal(rec.id, execOptions(req), size);
    this.#emit('exec_start', rec);
    void session.exited.then((e) => this.#emit('exec_die', rec, { exitCode: e.exitCode }));
    return this.execs.add(rec.id, session);
  }

  async volumes(): Promise<Volume[]> {
    return (await this.#m.deps.volumes.list()).map((v) => this.#volume(v));
  }

  async volume(name: string): Promise<Volume> {
    return this.#volume(await this.#m.deps.volumes.inspect(name));
  }

  async createVolume(name: string, labels: Record<string, string> = {}): Promise<Volume> {
    return this.#volume(await this.#m.deps.volumes.create(name, labels));
  }

  async removeVolume(name: string, force: boolean): Promise<void> {
    await this.#m.deps.volumes.remove(name, { force });
  }

  #volume(v: RuntimeVolume): Volume {
    const usedBy = this.#m
      .list()
      .filter((r) => r.volumes.includes(v.name))
      .map((r) => r.id);
    return { ...v, labels: { ...v.labels }, usedBy };
  }

  #emit(
    type: 'stop' | 'kill' | 'restart' | 'exec_start' | 'exec_die',
    rec: ContainerRecord,
    extra: { signal?: string; exitCode?: number } = {},
  ): void {
    this.events.container({ type, id: rec.id, name: rec.name, image: imageName(rec), ...extra });
  }
}

function execOptions(req: ExecRequest) {
  return {
    cmd: req.cmd,
    env: req.env ?? [],
    user: req.user,
    workdir: req.workdir,
    privileged: req.privileged ?? false,
  };
}
