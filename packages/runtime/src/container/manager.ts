import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { clearExit, readExit } from '../monitor/exit-file.js';
import { awaitConmonExit, removeConmonSocketLink } from '../monitor/conmon.js';
import { launchContainer } from './launch.js';
import { readLogs, type ReadLogsOptions } from '../monitor/log-reader.js';
import type { LogEntry } from '../monitor/log-line.js';
import { openContainerStats, type ContainerStatsHandle } from './stats-handle.js';
import type { Stats } from '../cgroup/stats.js';
import { failedPrecondition, isRuntimeError, alreadyExists } from '../errors.js';
import {
  containerPaths,
  type ContainerEvent,
  type ContainerEventType,
  type ContainerManagerOptions,
} from './deps.js';
import { createContainer, destroyCreated } from './create-container.js';
import type { CreateRequestInput } from './create-options.js';
import { ExitSupervisor, isLive, type ExitInfo } from './supervisor.js';

export type { ExitInfo } from './supervisor.js';
import { KeyedMutex } from './keyed-mutex.js';
import { resolveContainer } from './lookup.js';
import { generateName, validateName } from './names.js';
import type { ContainerRecord } from './record.js';
import { transition } from './state.js';
import { connectContainer, disconnectContainer } from './network-attach.js';
import type { NetworkRequest } from '../network/network-manager.js';
import { RecordStore } from './store.js';
import { applyUpdate, type ResourceUpdateInput } from './update.js';
import { bootCandidates, reconcileRecords, type ReconcileReport } from './reconcile.js';
import { bootOrder } from './boot-order.js';
import { runExec, type ExecResult } from '../exec/run-exec.js';
import { ExecSession } from '../exec/exec-session.js';
import { ExecProcess } from '../exec/exec-process.js';
import type { ExecOptionsInput, ExecTarget, TerminalSize } from '../exec/options.js';
import {
  AttachHub,
  attachContainer,
  resizeContainer,
  type AttachOptions,
  type AttachSession,
} from './attach.js';
import { Stopper } from './stopper.js';
import { restoreLost } from './restore-lost.js';
import { isoTime } from '@berth/log';

/**
 * The container half of the engine: records, lifecycle, conmon/runc, exits, restarts. Every
 * change to a container (create, start, stop, kill, restart, pause, unpause, update, remove,
 * a recorded exit) runs under that container's lock and checks the transition table (state.ts),
 * so concurrent commands apply one after the other to the state the previous one left.
 */
export class ContainerManager {
  readonly store: RecordStore;
  private readonly locks = new KeyedMutex();
  private readonly supervisor: ExitSupervisor;
  /** Attach sessions waiting for their container's next start. */
  private readonly attachHub = new AttachHub();
  private readonly stopper: Stopper;

  private constructor(readonly deps: ContainerManagerOptions) {
    this.store = new RecordStore(deps.dataRoot);
    this.supervisor = new ExitSupervisor({
      deps,
      store: this.store,
      locks: this.locks,
      emit: (type, rec) => this.emit(type, rec),
      restart: (id) => this.startLocked(id, 'policy'),
    });
    this.stopper = new Stopper(deps.runtime, this.supervisor);
  }

  /** Loads records, reconciles with runc/conmon, and starts watching exits. */
  static async open(
    deps: ContainerManagerOptions,
  ): Promise<{ manager: ContainerManager; report: ReconcileReport }> {
    const m = new ContainerManager(deps);
    await m.store.load();
    const report = await m.reconcileRecords();
    m.supervisor.start();
    await m.startAtBoot(report);
    return { manager: m, report };
  }

  /**
   * Stops watching and cancels pending restarts; containers keep running under conmon. The
   * promise settles once the network's namespace pool is deleted (agent stop awaits it).
   */
  close(): Promise<void> {
    this.supervisor.close();
    return this.deps.network.close();
  }

  list(): ContainerRecord[] {
    return this.store.all();
  }

  /** By full id, name, or unique id prefix. */
  get(ref: string): ContainerRecord {
    return resolveContainer(this.store.all(), ref);
  }

  async create(req: CreateRequestInput): Promise<ContainerRecord> {
    return this.locks.run('<names>', async () => {
      const others = this.store.all();
      const record = await createContainer(
        {
          deps: this.deps,
          takenPorts: others.filter((r) => r.state !== 'removing').flatMap((r) => r.network.ports),
          resolveName: (requested) => {
            const taken = (n: string) => others.some((r) => r.name === n);
            if (requested === undefined) return generateName(taken);
            if (taken(requested))
              throw alreadyExists(`the container name "${requested}" is already in use`);
            return requested;
          },
        },
        req,
      );
      try {
        await this.store.put(record);
      } catch (err) {
        await destroyCreated(this.deps, record.id);
        throw err;
      }
      this.emit('create', record);
      return record;
    });
  }

  async start(ref: string): Promise<ContainerRecord> {
    const id = this.get(ref).id;
    const rec = await this.locks.run(id, () => this.startLocked(id, 'user'));
    this.supervisor.check(id);
    return rec;
  }

  /**
   * `user`: a start or restart asked for; `policy`: the restart policy after an exit (counted);
   * `boot`: the policy at agent start-up (Docker resets the count then).
   */
  private async startLocked(id: string, why: 'user' | 'policy' | 'boot'): Promise<ContainerRecord> {
    const next = transition(this.store.get(id).state, 'start');
    this.supervisor.cancelRestart(id);
    const rec = await restoreLost(this.deps, this.store, this.store.get(id));
    const pid = await launchContainer(this.deps, rec, this.attachHub);
    const updated = await this.store.update(id, {
      state: next,
      pid,
      startedAt: isoTime(),
      finishedAt: null,
      exitCode: null,
      oomKilled: false,
      manuallyStopped: false,
      restartCount: { user: rec.restartCount, policy: rec.restartCount + 1, boot: 0 }[why],
    });
    this.emit('start', updated);
    return updated;
  }

  /**
   * Sends the stop signal, waits `timeout` seconds (the record's stopTimeout by default), then
   * SIGKILL; resolves once the exit is recorded. Stopping a created or exited container changes
   * nothing but marks it stopped by hand (no restart by policy).
   */
  async stop(ref: string, opts: { timeout?: number } = {}): Promise<ContainerRecord> {
    const id = this.get(ref).id;
    return this.locks.run(id, () => this.stopLocked(id, opts.timeout));
  }

  private async stopLocked(id: string, timeout?: number): Promise<ContainerRecord> {
    const rec = this.store.get(id);
    this.supervisor.cancelRestart(id);
    if (rec.state === 'created' || rec.state === 'exited')
      return this.store.update(id, { manuallyStopped: true });
    transition(rec.state, 'stop');
    await this.store.update(id, { manuallyStopped: true });
    const code = await this.stopper.stop(rec, timeout ?? rec.stopTimeout);
    await this.supervisor.recordExit(id, code);
    return this.store.get(id);
  }

  /**
   * Sends a signal to the container's init. A SIGKILL returns once the exit is recorded (as
   * docker's does); during a stop's grace period it ends that wait at once (the stop kills and
   * records the exit) instead of queueing behind it.
   */
  async kill(ref: string, signal = 'SIGKILL'): Promise<ContainerRecord> {
    const id = this.get(ref).id;
    const fatal = signal === 'SIGKILL' || signal === 'KILL' || signal === '9';
    const hurried = fatal && (await this.stopper.hurry(id));
    return this.locks.run(id, async () => {
      const rec = this.store.get(id);
      if (hurried && !isLive(rec)) return rec; // the stop it hurried has killed it
      transition(rec.state, 'kill');
      if (fatal || signal === rec.stopSignal)
        await this.store.update(id, { manuallyStopped: true });
      if (!fatal) {
        await this.deps.runtime.kill(id, signal);
        return this.store.get(id);
      }
      this.supervisor.cancelRestart(id);
      await this.supervisor.recordExit(id, await this.stopper.kill(rec));
      return this.store.get(id);
    });
  }

  /** Stop then start, as one change: no other command runs between the two. */
  async restart(ref: string, opts: { timeout?: number } = {}): Promise<ContainerRecord> {
    const id = this.get(ref).id;
    const rec = await this.locks.run(id, async () => {
      await this.stopLocked(id, opts.timeout);
      return this.startLocked(id, 'user');
    });
    this.supervisor.check(id);
    return rec;
  }

  async pause(ref: string): Promise<ContainerRecord> {
    return this.lifecycle(ref, 'pause', (id) => this.deps.runtime.pause(id));
  }

  async unpause(ref: string): Promise<ContainerRecord> {
    return this.lifecycle(ref, 'unpause', (id) => this.deps.runtime.resume(id));
  }

  private async lifecycle(
    ref: string,
    event: 'pause' | 'unpause',
    act: (id: string) => Promise<void>,
  ): Promise<ContainerRecord> {
    const id = this.get(ref).id;
    return this.locks.run(id, async () => {
      const rec = this.store.get(id);
      const next = transition(rec.state, event);
      await act(id);
      const updated = await this.store.update(id, { state: next });
      this.emit(event, updated);
      return updated;
    });
  }

  /** Resolves when the container is not running: at once for a stopped one. */
  async wait(ref: string): Promise<ExitInfo> {
    const rec = this.get(ref);
    if (isLive(rec)) return this.supervisor.waitExit(rec.id);
    return { exitCode: rec.exitCode ?? 0, oomKilled: rec.oomKilled };
  }

  async rename(ref: string, newName: string): Promise<ContainerRecord> {
    const name = validateName(newName);
    const id = this.get(ref).id;
    // names lock (no other create or rename takes the name), then the container's own
    return this.locks.run('<names>', () =>
      this.locks.run(id, async () => {
        if (this.store.all().some((r) => r.name === name && r.id !== id)) {
          throw alreadyExists(`the container name "${name}" is already in use`);
        }
        await this.deps.network.renameContainer(id, name);
        const updated = await this.store.update(id, { name });
        this.emit('rename', updated);
        return updated;
      }),
    );
  }

  /** Joins one more network (next free ethN); resolv.conf follows the first network with DNS. */
  async connect(ref: string, req: NetworkRequest): Promise<ContainerRecord> {
    const id = this.get(ref).id;
    return this.locks.run(id, async () =>
      connectContainer(this.deps, this.store, await this.restoredForNetwork(id), req),
    );
  }

  async disconnect(ref: string, network: string): Promise<ContainerRecord> {
    const id = this.get(ref).id;
    return this.locks.run(id, async () =>
      disconnectContainer(this.deps, this.store, await this.restoredForNetwork(id), network),
    );
  }

  /** A stopped container's namespace after a host reboot is made again before it changes. */
  private async restoredForNetwork(id: string): Promise<ContainerRecord> {
    const rec = this.store.get(id);
    if (rec.state !== 'created' && rec.state !== 'exited') return rec;
    return restoreLost(this.deps, this.store, rec);
  }

  /** Removes bundle, rootfs, network, cgroup and record; `force` kills a running container first. */
  async remove(ref: string, opts: { force?: boolean } = {}): Promise<void> {
    const id = this.get(ref).id;
    await this.locks.run(id, async () => {
      let cur = this.store.get(id);
      this.supervisor.cancelRestart(id);
      if (isLive(cur)) {
        if (!opts.force)
          throw failedPrecondition(`container ${cur.name} is ${cur.state}: stop it first or force`);
        cur = await this.stopLocked(id, 0);
      }
      if (cur.state !== 'removing')
        cur = await this.store.update(id, { state: transition(cur.state, 'remove') });
      await this.finishRemove(cur);
    });
  }

  private async finishRemove(rec: ContainerRecord): Promise<void> {
    this.supervisor.cancelRestart(rec.id);
    await this.deps.runtime.delete(rec.id, { force: true }).catch((e: unknown) => {
      if (!isRuntimeError(e, 'NOT_FOUND')) throw e;
    });
    // a start that failed after conmon's create may have left these (exits/ is outside the record dir)
    const p = containerPaths(this.deps.dataRoot, this.deps.execRoot, rec.id);
    await awaitConmonExit(p.conmonPidFile, rec.id).catch(() => undefined);
    await clearExit(p.exitDir, p.persistDir, rec.id);
    await removeConmonSocketLink(p.socketDir, rec.id);
    await this.deps.network.teardown(rec.id);
    await this.deps.rootfs.release(rec.id);
    await this.store.delete(rec.id);
    this.emit('remove', rec);
  }

  /** Live resource update (`runc update`) + config.json/record for later starts. */
  async update(ref: string, patch: ResourceUpdateInput): Promise<ContainerRecord> {
    const id = this.get(ref).id;
    return this.locks.run(id, async () => {
      const rec = this.store.get(id);
      const updated = await applyUpdate(this.deps, rec, patch, isLive(rec));
      await this.store.put(updated);
      this.emit('update', updated);
      return updated;
    });
  }

  async stats(ref: string): Promise<Stats> {
    const h = this.openStats(ref);
    try {
      return h.read(true);
    } finally {
      h.close();
    }
  }

  /** Opens a running container's stat files for repeated sampling (close the handle when done). */
  openStats(ref: string): ContainerStatsHandle {
    const rec = this.get(ref);
    if (!isLive(rec) || rec.pid === null)
      throw failedPrecondition(`container ${rec.name} is not running`);
    return openContainerStats(this.deps.cgroups, { cgroupsPath: rec.cgroupsPath, pid: rec.pid });
  }

  logs(ref: string, opts: Omit<ReadLogsOptions, 'stopWhen'> = {}): AsyncGenerator<LogEntry> {
    const rec = this.get(ref);
    const stopWhen = opts.follow
      ? isLive(rec)
        ? this.supervisor.waitExit(rec.id)
        : Promise.resolve()
      : undefined;
    return readLogs(rec.logPath, { ...opts, stopWhen });
  }

  /**
   * Runs a command in a running container and collects its output (`runc exec`). Aborting
   * `signal` SIGKILLs the command inside the container (health-check timeouts, removal).
   */
  async exec(ref: string, opts: ExecOptionsInput, signal?: AbortSignal): Promise<ExecResult> {
    const target = this.runningTarget(ref);
    if (!signal) return runExec(this.deps.runtime, target, opts);
    const { bundle } = containerPaths(this.deps.dataRoot, this.deps.execRoot, target.id);
    const pidFile = join(bundle, `exec-${randomUUID()}.pid`);
    return runExec(this.deps.runtime, target, opts, { signal, pidFile });
  }

  /** Opens an interactive PTY session (`runc exec -t` under node-pty). */
  async openTerminal(
    ref: string,
    opts: ExecOptionsInput,
    size: TerminalSize,
  ): Promise<ExecSession> {
    return ExecSession.open(this.deps.runtime, this.runningTarget(ref), opts, size);
  }

  /**
   * Attaches to the main process: at once when it runs, from its next start when it is created
   * or exited (no output lost). Closing the session detaches.
   */
  attach(ref: string, opts: AttachOptions = {}): Promise<AttachSession> {
    const rec = this.get(ref);
    return attachContainer(this.attachHub, rec, () => this.store.get(rec.id), opts);
  }

  /** Resizes a running container's terminal (conmon's ctl FIFO). */
  resize(ref: string, size: TerminalSize): void {
    resizeContainer(this.get(ref), size);
  }

  /**
   * Runs `fn` with the container's filesystem as the host sees it — `view: 'mounts'`: its own
   * view while it runs (`/proc/<pid>/root`, volumes and binds included); `'rootfs'`: the overlay
   * alone — frozen for the duration, so nothing in the container can swap a path for a symlink
   * under a copy. A stopped container is its rootfs. Lifecycle calls wait meanwhile.
   */
  async withFilesystem<T>(
    ref: string,
    view: 'mounts' | 'rootfs',
    fn: (root: string) => Promise<T>,
  ): Promise<T> {
    const id = this.get(ref).id;
    return this.locks.run(id, async () => {
      const rec = this.store.get(id);
      const live = (rec.state === 'running' || rec.state === 'paused') && rec.pid;
      const root = live && view === 'mounts' ? `/proc/${rec.pid}/root` : rec.rootfs;
      if (rec.state !== 'running' || !rec.pid) return fn(root);
      await this.deps.runtime.pause(id);
      try {
        return await fn(root);
      } finally {
        await this.deps.runtime.resume(id).catch(() => undefined);
      }
    });
  }

  /** Opens a streaming exec without a terminal (`runc exec` with stdin/stdout/stderr pipes). */
  async openExecProcess(ref: string, opts: ExecOptionsInput): Promise<ExecProcess> {
    return ExecProcess.open(this.deps.runtime, this.runningTarget(ref), opts);
  }

  private runningTarget(ref: string): ExecTarget {
    const rec = this.get(ref);
    if (rec.state !== 'running')
      throw failedPrecondition(`container ${rec.name} is ${rec.state}, not running`);
    return { id: rec.id, rootfs: rec.rootfs, bundle: rec.bundle };
  }

  /**
   * Agent start-up: adopt live containers, record exits that happened while down (and those the
   * host took with it), then start what the restart policies say, in dependency order.
   */
  async reconcile(): Promise<ReconcileReport> {
    await this.store.load();
    const report = await this.reconcileRecords();
    await this.startAtBoot(report);
    return report;
  }

  private reconcileRecords(): Promise<ReconcileReport> {
    return reconcileRecords(this.store.all(), {
      runtime: this.deps.runtime,
      readExit: (id) => {
        const p = containerPaths(this.deps.dataRoot, this.deps.execRoot, id);
        return readExit(p.exitDir, p.persistDir, id);
      },
      recordExit: (id, code, opts) =>
        this.locks.run(id, () => this.supervisor.recordExit(id, code, opts)),
      adopt: (id, status, pid) => this.store.update(id, { state: status, pid }),
      finishRemove: (rec) => this.locks.run(rec.id, () => this.finishRemove(rec)),
    });
  }

  /**
   * One at a time, dependencies first (compose's depends_on, else creation order); what the
   * host's reboot took (overlay mount, network namespace) is made again by each start. A start
   * that fails leaves the container exited and is reported; the others still start.
   */
  private async startAtBoot(report: ReconcileReport): Promise<void> {
    for (const rec of bootOrder(bootCandidates(this.store.all(), report))) {
      try {
        await this.locks.run(rec.id, () => this.startLocked(rec.id, 'boot'));
        report.restarted.push(rec.id);
        this.supervisor.check(rec.id);
      } catch (err) {
        report.errors.push({
          id: rec.id,
          message: err instanceof Error ? err.message : String(err),
        });
      }
    }
  }

  private emit(type: ContainerEventType, rec: ContainerRecord): void {
    const e: ContainerEvent = {
      type,
      id: rec.id,
      name: rec.name,
      timestamp: isoTime(),
    };
    if (type === 'exit' || type === 'oom')
      Object.assign(e, { exitCode: rec.exitCode ?? undefined, oomKilled: rec.oomKilled });
    try {
      this.deps.onEvent?.(e);
    } catch {
      /* a listener's failure is not the container's */
    }
  }
}
