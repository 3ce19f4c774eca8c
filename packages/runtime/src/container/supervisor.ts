import { clearExit, conmonSawOom, readExit } from '../monitor/exit-file.js';
import { awaitConmonExit, removeConmonSocketLink } from '../monitor/conmon.js';
import { containerPaths, type ContainerEventType, type ContainerManagerOptions } from './deps.js';
import { ExitWatcher } from './exit-watcher.js';
import type { KeyedMutex } from './keyed-mutex.js';
import type { ContainerRecord } from './record.js';
import { restartDelayMs, shouldRestart } from './restart-policy.js';
import { canTransition, transition } from './state.js';
import type { RecordStore } from './store.js';
import { isoTime } from '@berth/log';

export interface ExitInfo {
  exitCode: number;
  oomKilled: boolean;
}

export const isLive = (r: ContainerRecord) => r.state === 'running' || r.state === 'paused';

/** How often `exitCode` reads the exit file when no watcher event came. */
const EXIT_POLL_MS = 100;

export interface SupervisorOptions {
  deps: ContainerManagerOptions;
  store: RecordStore;
  locks: KeyedMutex;
  emit(type: ContainerEventType, rec: ContainerRecord): void;
  /** Starts an exited container again (called under its lock). */
  restart(id: string): Promise<unknown>;
}

/**
 * Watches conmon's exit files, records exits (code, OOM), wakes waiters and applies restart
 * policies with back-off. The manager owns lifecycle commands; this owns what happens after.
 */
export class ExitSupervisor {
  private readonly waiters = new Map<string, Array<(e: ExitInfo) => void>>();
  private readonly restartTimers = new Map<string, NodeJS.Timeout>();
  /** Wakes `exitCode` readers when the watcher sees a container's exit file. */
  private readonly wakers = new Map<string, Set<() => void>>();
  private readonly watcher: ExitWatcher;

  constructor(private readonly o: SupervisorOptions) {
    const exitDir = containerPaths(o.deps.dataRoot, o.deps.execRoot, '_').exitDir;
    this.watcher = new ExitWatcher(exitDir, o.deps.exitPollMs ?? 500, (id) => this.check(id));
  }

  start(): void {
    this.watcher.start();
  }

  /** Stops watching and cancels pending restarts. */
  close(): void {
    this.watcher.stop();
    for (const t of this.restartTimers.values()) clearTimeout(t);
    this.restartTimers.clear();
  }

  waitExit(id: string): Promise<ExitInfo> {
    return new Promise((resolve) => {
      this.waiters.set(id, [...(this.waiters.get(id) ?? []), resolve]);
      this.check(id);
    });
  }

  /**
   * Waits for conmon's exit file (not for the exit to be recorded: a caller holding the
   * container's lock records it itself). The code, or null when `timeoutMs` passed or `until`
   * settled first.
   */
  async exitCode(id: string, timeoutMs: number, until?: Promise<unknown>): Promise<number | null> {
    const p = containerPaths(this.o.deps.dataRoot, this.o.deps.execRoot, id);
    const deadline = Date.now() + timeoutMs;
    let cut = false;
    void until?.then(() => (cut = true));
    for (;;) {
      const code = await readExit(p.exitDir, p.persistDir, id);
      if (code !== null) return code;
      const left = deadline - Date.now();
      if (left <= 0 || cut) return null;
      await this.nextCandidate(id, Math.min(left, EXIT_POLL_MS), until);
    }
  }

  private nextCandidate(id: string, ms: number, until?: Promise<unknown>): Promise<void> {
    return new Promise((resolve) => {
      const set = this.wakers.get(id) ?? new Set<() => void>();
      this.wakers.set(id, set);
      const wake = () => {
        clearTimeout(timer);
        set.delete(wake);
        if (set.size === 0 && this.wakers.get(id) === set) this.wakers.delete(id);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      set.add(wake);
      void until?.then(wake, wake);
    });
  }

  private wake(id: string | null): void {
    const sets = id === null ? [...this.wakers.values()] : [this.wakers.get(id)];
    for (const set of sets) for (const wake of [...(set ?? [])]) wake();
  }

  check(id: string | null): void {
    this.wake(id);
    const ids =
      id === null
        ? this.o.store
            .all()
            .filter(isLive)
            .map((r) => r.id)
        : [id];
    for (const x of ids) {
      if (!this.o.store.has(x) || !isLive(this.o.store.get(x))) continue;
      void this.o.locks.run(x, () => this.handleExit(x)).catch(() => undefined);
    }
  }

  private async handleExit(id: string): Promise<void> {
    if (!this.o.store.has(id) || !isLive(this.o.store.get(id))) return;
    const p = containerPaths(this.o.deps.dataRoot, this.o.deps.execRoot, id);
    const code = await readExit(p.exitDir, p.persistDir, id);
    if (code !== null) await this.recordExit(id, code);
  }

  /**
   * Records an exit (code from conmon, or 255 when unknown), deletes the runc container, and
   * restarts by policy unless told not to.
   */
  async recordExit(id: string, exitCode: number, opts = { restart: true }): Promise<void> {
    const rec = this.o.store.get(id);
    if (!canTransition(rec.state, 'exit')) return;
    const p = containerPaths(this.o.deps.dataRoot, this.o.deps.execRoot, id);
    // conmon may still be writing its exit and oom files: they must not land after the clear
    await awaitConmonExit(p.conmonPidFile, id).catch(() => undefined);
    const oomKills = await this.o.deps.cgroups.oomKills(rec.cgroupsPath).catch(() => null);
    const oomKilled = (await conmonSawOom(p.persistDir)) || (oomKills ?? 0) > 0;
    const updated = await this.o.store.update(id, {
      state: transition(rec.state, 'exit'),
      pid: null,
      exitCode,
      oomKilled,
      finishedAt: isoTime(),
    });
    await this.o.deps.runtime.delete(id, { force: true }).catch(() => undefined);
    await clearExit(p.exitDir, p.persistDir, id);
    await removeConmonSocketLink(p.socketDir, id).catch(() => undefined);
    if (oomKilled) this.o.emit('oom', updated);
    this.o.emit('exit', updated);
    for (const w of this.waiters.get(id) ?? []) w({ exitCode, oomKilled });
    this.waiters.delete(id);
    if (opts.restart) this.scheduleRestart(updated);
  }

  /** The restart policy after an exit: a counted start after the back-off, when it says so. */
  scheduleRestart(rec: ContainerRecord): boolean {
    const facts = {
      exitCode: rec.exitCode ?? 0,
      manuallyStopped: rec.manuallyStopped,
      restartCount: rec.restartCount,
    };
    if (rec.state !== 'exited' || !shouldRestart(rec.restartPolicy, facts)) return false;
    const ranFor =
      rec.startedAt && rec.finishedAt ? Date.parse(rec.finishedAt) - Date.parse(rec.startedAt) : 0;
    const delay = restartDelayMs(rec.restartCount, ranFor);
    this.cancelRestart(rec.id);
    const timer = setTimeout(() => {
      this.restartTimers.delete(rec.id);
      void this.o.locks
        .run(rec.id, () => this.o.restart(rec.id))
        .then(() => this.check(rec.id))
        .catch(() => undefined);
    }, delay);
    this.restartTimers.set(rec.id, timer);
    this.o.emit('restart-scheduled', rec);
    return true;
  }

  cancelRestart(id: string): void {
    const t = this.restartTimers.get(id);
    if (t) clearTimeout(t);
    this.restartTimers.delete(id);
  }
}
