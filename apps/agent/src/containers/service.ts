import { availableParallelism } from 'node:os';
import type {
  Healthcheck,
  HealthStatus,
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
  compareText,
  runConfigFromImage,
  type AttachSession,
  type ContainerStatsHandle,
  type ContainerEvent as RuntimeEvent,
  type ContainerManager,
  type ContainerRecord,
  type CpuSample,
  type ExecProcess,
  type HostConfinement,
  type ImageEngine,
  type NetworkManager,
  type NetworkRequest,
  type RootfsProvider,
  type TerminalSize,
  type Volume as RuntimeVolume,
} from '@berth/runtime';
import type { Logger } from '@berth/log';
import { healthConfigOf, mergeHealthcheck } from '../health/config.js';
import { HealthMonitor } from '../health/monitor.js';
import { AgentError, errorMessage } from '../errors.js';
import { memoryBelowUsage } from '../people-words.js';
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
  /** Health checks of running containers (Docker's semantics; see health/monitor.ts). */
  readonly health: HealthMonitor;

  constructor(
    readonly imageEngine: ImageEngine,
    readonly events: EventBus,
    private readonly log: Logger,
  ) {
    this.health = new HealthMonitor({
      runProbe: (id, command, signal) => this.#runProbe(id, command, signal),
      onStatus: (id, status) => this.#emitHealth(id, status),
      onError: (id, err) => this.log.warn(`health of ${id.slice(0, 12)}: ${errorMessage(err)}`),
    });
  }

  /** The runtime's record of a container named by ID, name or unique prefix (NOT_FOUND otherwise). */
  record(ref: string): ContainerRecord {
    return this.#m.get(ref);
  }

  /** Every container's runtime record, in any state. */
  records(): ContainerRecord[] {
    return this.#m.list();
  }

  /** The runtime's networks: the built-in bridge and the named ones. */
  networkManager(): NetworkManager {
    return this.#m.deps.network;
  }

  /** What this host confines containers with (seccomp, AppArmor, read-only mounts). */
  hostConfinement(): HostConfinement {
    return this.#m.deps.confinement;
  }

  /** Joins a container to a network (its record and resolv.conf follow). */
  connect(ref: string, req: NetworkRequest): Promise<ContainerRecord> {
    return this.#m.connect(ref, req);
  }

  /** Takes a container off a network. */
  disconnect(ref: string, networkId: string): Promise<ContainerRecord> {
    return this.#m.disconnect(ref, networkId);
  }

  /**
   * Creates a container again from an earlier record's image and options, as it was (a stack's
   * rollback restores the container a failed deploy replaced); not started.
   */
  restore(old: Pick<ContainerRecord, 'image' | 'options'>): Promise<ContainerRecord> {
    return this.#m.create({ image: old.image, options: old.options });
  }

  /** Set once the manager is open (the manager's onEvent needs this service first). */
  bindManager(manager: ContainerManager, rootfs?: RootfsProvider): void {
    this.#manager = manager;
    this.#rootfs = rootfs ?? null;
    for (const r of manager.list()) {
      this.#images.set(r.id, imageName(r));
      // after an agent restart: re-arm the checks of what kept running (reconciled above)
      if (r.state === 'running') this.#armHealth(r);
      // --rm containers that exited while no agent watched (a reboot took them): gone, as dockerd does
      if (r.state === 'exited' && r.options.autoRemove === true) void this.#autoRemove(r.id);
    }
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

  /**
   * Agent shutdown: stop watching exits and hang up terminals; containers keep running. Settles
   * once the network namespaces made ahead are deleted.
   */
  async close(): Promise<void> {
    this.health.closeAll();
    this.execs.closeAll();
    await this.#manager?.close();
  }

  /** Whether any container (in any state) was created from this image ID. */
  isImageInUse(imageId: string): boolean {
    return this.#manager?.list().some((r) => r.image.ref === imageId) ?? false;
  }

  /** The names of the containers (in any state) created from this image ID. */
  imageUsers(imageId: string): string[] {
    return (this.#manager?.list() ?? []).filter((r) => r.image.ref === imageId).map((r) => r.name);
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
    if (e.type === 'start' && rec) this.#armHealth(rec);
    if (e.type === 'exit' || e.type === 'remove') this.health.disarm(e.id);
    if (type) {
      this.events.container({
        type,
        id: e.id,
        name: e.name,
        image: this.#images.get(e.id) ?? '',
        at: e.timestamp,
        ...(e.exitCode === undefined ? {} : { exitCode: e.exitCode }),
        ...(e.oomKilled === undefined ? {} : { oomKilled: e.oomKilled }),
        ...(e.type === 'exit' && rec ? { manuallyStopped: rec.manuallyStopped } : {}),
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

  /**
   * `extraOptions` are merged into the runtime's create options: fields the protocol's request
   * does not carry (the Docker API's dns, ulimits, … and its `docker` bookkeeping for inspect).
   */
  async create(
    req: CreateContainerRequest,
    extraOptions: Readonly<Record<string, unknown>> = {},
  ): Promise<CreateContainerResponse> {
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
    const imageCheck = cfg.healthcheck
      ? { ...cfg.healthcheck, test: [...cfg.healthcheck.test] }
      : null;
    const healthcheck = mergeHealthcheck(imageCheck, req.healthcheck);
    const options = {
      ...toCreateOptions(req),
      ...extraOptions,
      ...(healthcheck ? { healthcheck } : {}),
    };
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
      .sort((a, b) => compareText(b.createdAt, a.createdAt))
      .map((r) => containerSummary(r, this.health.status(r.id)));
  }

  /** The list view of a container (by reference or record), with its health status. */
  summary(container: string | ContainerRecord): ContainerSummary {
    const rec = typeof container === 'string' ? this.#m.get(container) : container;
    return containerSummary(rec, this.health.status(rec.id));
  }

  inspect(ref: string): ContainerInspect {
    const rec = this.#m.get(ref);
    return containerInspect(rec, this.health.health(rec.id));
  }

  /** Starts a created or exited container; one already running is left as it is (as Docker does). */
  async start(ref: string): Promise<ContainerSummary> {
    const rec = this.#m.get(ref);
    if (rec.state === 'running') return this.summary(rec);
    // after a host reboot the manager's start mounts the overlay again (restore-lost.ts)
    return this.summary(await this.#m.start(rec.id));
  }

  async stop(ref: string, timeout?: number): Promise<ContainerSummary> {
    const rec = await this.#m.stop(ref, { timeout });
    this.#emit('stop', rec);
    return this.summary(rec);
  }

  async restart(ref: string, timeout?: number): Promise<ContainerSummary> {
    const rec = await this.#m.restart(ref, { timeout });
    this.#emit('restart', rec);
    return this.summary(rec);
  }

  async kill(ref: string, signal = 'SIGKILL'): Promise<ContainerSummary> {
    const rec = this.#m.get(ref);
    const after = await this.#m.kill(rec.id, signal);
    this.#emit('kill', rec, { signal });
    return containerSummary(after);
  }

  async pause(ref: string): Promise<ContainerSummary> {
    return this.summary(await this.#m.pause(ref));
  }

  async unpause(ref: string): Promise<ContainerSummary> {
    return this.summary(await this.#m.unpause(ref));
  }

  async rename(ref: string, name: string): Promise<ContainerSummary> {
    return this.summary(await this.#m.rename(ref, name));
  }

  async update(ref: string, req: UpdateContainerRequest): Promise<ContainerSummary> {
    try {
      return this.summary(await this.#m.update(ref, toUpdateInput(req)));
    } catch (err) {
      const words = memoryBelowUsage(errorMessage(err), this.nameOf(this.resolveId(ref)));
      if (!words) throw err;
      throw new AgentError('FAILED_PRECONDITION', words, {
        cause: err,
        details: { detail: errorMessage(err) },
      });
    }
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

  /**
   * Runs `fn` with the container's filesystem root on the host (see the manager's
   * `withFilesystem`); a stopped container's overlay is mounted first if a reboot unmounted it.
   */
  async withFilesystem<T>(
    ref: string,
    view: 'mounts' | 'rootfs',
    fn: (root: string) => Promise<T>,
  ): Promise<T> {
    const rec = this.#m.get(ref);
    if (rec.state === 'created' || rec.state === 'exited')
      await this.#rootfs?.prepare(rec.id, rec.image);
    return this.#m.withFilesystem(rec.id, view, fn);
  }

  /** Opens a streaming exec without a terminal (stdin/stdout/stderr pipes). */
  async openExecProcess(ref: string, req: ExecRequest): Promise<ExecProcess> {
    const rec = this.#m.get(ref);
    const proc = await this.#m.openExecProcess(rec.id, execOptions(req));
    this.#emit('exec_start', rec);
    void proc.exited.then((e) => this.#emit('exec_die', rec, { exitCode: e.exitCode }));
    return proc;
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

  #armHealth(rec: ContainerRecord): void {
    const cfg = healthConfigOf(rec.options.healthcheck as Healthcheck | undefined);
    if (!cfg) return;
    const started = Date.parse(rec.startedAt ?? '');
    this.health.arm(rec.id, cfg, Number.isNaN(started) ? Date.now() : started);
  }

  async #runProbe(id: string, command: string[], signal: AbortSignal) {
    const rec = this.#m.get(id);
    if (rec.state === 'paused') return null; // Docker does not count probes of a paused container
    const r = await this.#m.exec(id, { cmd: command, env: [], privileged: false }, signal);
    return { exitCode: r.exitCode, output: r.stdout + r.stderr };
  }

  #emitHealth(id: string, status: HealthStatus): void {
    let name = '';
    try {
      name = this.#m.get(id).name;
    } catch {
      return; // removed meanwhile
    }
    this.events.container({
      type: 'health_status',
      id,
      name,
      image: this.#images.get(id) ?? '',
      health: status,
    });
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
