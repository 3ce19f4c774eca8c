import {
  TERMINAL_FRAME_MAX_BYTES,
  TERMINAL_GRACE_DEFAULT_SECONDS,
  TERMINAL_HIGH_WATER_BYTES,
  TERMINAL_LOW_WATER_BYTES,
  TERMINAL_SCROLLBACK_BYTES,
} from '@berth/protocol';
import type { AgentEventName, AgentEventPayload } from '@berth/protocol';
import { AgentError, errorMessage } from '../errors.js';
import type { Logger } from '@berth/log';
import { TerminalSession } from './terminal-session.js';
import type { Pty, SessionEnd } from './terminal-session.js';

/** What terminals need from the container engine. */
export interface TerminalBackend {
  /** Starts `cmd` under a PTY in a running container; resolves the container's full id. */
  open(
    containerRef: string,
    opts: { cmd: string[]; user?: string; workdir?: string },
    size: { cols: number; rows: number },
  ): Promise<{ containerId: string; pty: Pty }>;
  /** Whether `/bin/bash` is executable in the container (for `cmd: 'auto'`). */
  hasBash(containerRef: string): Promise<boolean>;
  /** Whether the container is no longer running (its init is gone), e.g. after an exec died. */
  isStopped(containerId: string): Promise<boolean>;
  /**
   * Signals everything a terminal's process started (its shell's jobs too) before the terminal
   * hangs up; resolves once they are signalled.
   */
  hangUp?(pid: number): Promise<void>;
}

export interface TerminalRegistryOptions {
  backend: TerminalBackend;
  emit: <E extends AgentEventName>(name: E, payload: AgentEventPayload<E>) => void;
  log: Logger;
  maxSessions?: number;
  /**
   * An exec killed by a signal (exit ≥ 128) may have died with its container before the engine
   * noticed the container's exit: wait this long for that before reporting `exited`.
   */
  stopGraceMs?: number;
  /** Output frames are at most this big (default TERMINAL_FRAME_MAX_BYTES). */
  frameBytes?: number;
  /** While output streams, bytes are held at most this long for bigger frames (default 5). */
  frameDelayMs?: number;
  /** A frame this big means output is streaming (default 1 KiB). */
  frameStreamBytes?: number;
  highWater?: number;
  lowWater?: number;
  /**
   * How long a session no page is attached to lives on (default
   * TERMINAL_GRACE_DEFAULT_SECONDS); 0 ends it as soon as the page goes.
   */
  graceMs?: number;
  /** Output kept per session for a page that comes back (default TERMINAL_SCROLLBACK_BYTES). */
  scrollbackBytes?: number;
}

export interface OpenRequest {
  sessionId: string;
  containerId: string;
  cmd: string[] | 'auto';
  cols: number;
  rows: number;
  user?: string;
  workdir?: string;
}

/**
 * Every open terminal of the agent, by the web's session id. Sessions end exactly once: by
 * `close` (no exit event), by their process exiting, by their container stopping, or when no
 * page came back within the grace time after a `detach` (the web's page went away) or a dropped
 * link (`detachAll`): exit reason `expired`. `closeAll` (the agent stops) ends them all.
 */
export class TerminalRegistry {
  readonly #sessions = new Map<string, TerminalSession>();
  /** Detached sessions and the timer that ends them. */
  readonly #grace = new Map<string, NodeJS.Timeout>();
  readonly #opening = new Set<string>();
  /** Sessions whose process died by a signal, waiting to learn whether the container stopped. */
  readonly #dying = new Map<string, { exitCode: number; timer: NodeJS.Timeout }>();
  #generation = 0;

  constructor(private readonly opts: TerminalRegistryOptions) {}

  get size(): number {
    return this.#sessions.size;
  }

  async open(req: OpenRequest): Promise<{ sessionId: string; cmd: string[]; containerId: string }> {
    const { sessionId } = req;
    if (this.#sessions.has(sessionId) || this.#opening.has(sessionId))
      throw new AgentError('ALREADY_EXISTS', `terminal session ${sessionId} is already open`);
    const max = this.opts.maxSessions ?? 64;
    if (this.#sessions.size + this.#opening.size >= max)
      throw new AgentError('RESOURCE_EXHAUSTED', `at most ${max} terminal sessions per host`);
    this.#opening.add(sessionId);
    const generation = this.#generation;
    try {
      const cmd =
        req.cmd === 'auto'
          ? (await this.opts.backend.hasBash(req.containerId).catch(() => false))
            ? ['/bin/bash']
            : ['/bin/sh']
          : req.cmd;
      const { containerId, pty } = await this.opts.backend.open(
        req.containerId,
        { cmd, user: req.user, workdir: req.workdir },
        { cols: req.cols, rows: req.rows },
      );
      if (generation !== this.#generation) {
        pty.dispose();
        throw new AgentError('UNAVAILABLE', 'the link dropped while the terminal was opening');
      }
      this.#sessions.set(sessionId, this.#session(sessionId, containerId, cmd, pty));
      this.opts.log.debug(
        `terminal ${sessionId}: opened ${cmd.join(' ')} in ${containerId.slice(0, 12)}`,
      );
      return { sessionId, cmd, containerId };
    } finally {
      this.#opening.delete(sessionId);
    }
  }

  resize(sessionId: string, cols: number, rows: number): void {
    this.#get(sessionId).resize(cols, rows);
  }

  /**
   * Ends a session at the web's request (no `terminal.exit`): the shell and everything started
   * from it. False when none was open.
   */
  close(sessionId: string): boolean {
    const s = this.#sessions.get(sessionId);
    if (!s) return false;
    this.#sessions.delete(sessionId);
    this.#clearDying(sessionId);
    this.#clearGrace(sessionId);
    this.#end(s, false);
    return true;
  }

  /** Signal the session's process tree (while it still hangs together), then hang up. */
  #end(s: TerminalSession, flush: boolean): void {
    const { hangUp } = this.opts.backend;
    const pid = s.pid;
    if (!hangUp || pid === undefined) return s.dispose(flush);
    void hangUp(pid)
      .catch((err: unknown) =>
        this.opts.log.warn(`terminal ${s.id}: ending its processes: ${errorMessage(err)}`),
      )
      .finally(() => s.dispose(flush));
  }

  /**
   * No page shows the session now: it lives on (output into its scrollback) until a page
   * attaches again or the grace time is over. With no grace time it ends now (false).
   */
  detach(sessionId: string): boolean {
    const s = this.#sessions.get(sessionId);
    if (!s) return false;
    const grace = this.opts.graceMs ?? TERMINAL_GRACE_DEFAULT_SECONDS * 1000;
    if (grace <= 0) {
      this.close(sessionId);
      return false;
    }
    s.detach();
    if (!this.#grace.has(sessionId)) {
      const timer = setTimeout(() => {
        this.#grace.delete(sessionId);
        this.#finish(s, { exitCode: null, reason: 'expired' }, true);
      }, grace);
      timer.unref();
      this.#grace.set(sessionId, timer);
    }
    return true;
  }

  /** A page shows the session again: its scrollback, then live output (NOT_FOUND when gone). */
  attach(
    sessionId: string,
    cols: number,
    rows: number,
  ): { sessionId: string; cmd: string[]; containerId: string; replayed: number } {
    const s = this.#get(sessionId);
    this.#clearGrace(sessionId);
    const replayed = s.attach(cols, rows);
    return { sessionId, cmd: s.cmd, containerId: s.containerId, replayed };
  }

  /** The link dropped: every session waits for its page to come back, opens in flight fail. */
  detachAll(): void {
    this.#generation++;
    for (const id of [...this.#sessions.keys()]) this.detach(id);
  }

  #clearGrace(sessionId: string): void {
    clearTimeout(this.#grace.get(sessionId));
    this.#grace.delete(sessionId);
  }

  input(sessionId: string, data: Uint8Array): void {
    const s = this.#sessions.get(sessionId);
    if (s) s.input(data);
    else this.opts.log.debug(`terminal ${sessionId.slice(0, 64)}: input for no open session`);
  }

  ack(sessionId: string, bytes: number): void {
    this.#sessions.get(sessionId)?.ack(bytes);
  }

  /** The container stopped: its sessions end with reason `container-stopped`. */
  containerStopped(containerId: string): void {
    for (const s of [...this.#sessions.values()]) {
      if (s.containerId === containerId) {
        const exitCode = this.#dying.get(s.id)?.exitCode ?? null;
        this.#finish(s, { exitCode, reason: 'container-stopped' });
      }
    }
  }

  /** The agent stops: every session is hung up; opens in flight fail. */
  closeAll(): void {
    this.#generation++;
    for (const id of [...this.#sessions.keys()]) this.close(id);
  }

  #get(sessionId: string): TerminalSession {
    const s = this.#sessions.get(sessionId);
    if (!s) throw new AgentError('NOT_FOUND', `no open terminal session ${sessionId}`);
    return s;
  }

  #session(id: string, containerId: string, cmd: string[], pty: Pty): TerminalSession {
    const o = this.opts;
    const session: TerminalSession = new TerminalSession({
      id,
      containerId,
      cmd,
      pty,
      scrollbackBytes: o.scrollbackBytes ?? TERMINAL_SCROLLBACK_BYTES,
      send: (data) => o.emit('terminal.data', { sessionId: id, data }),
      onExit: (exitCode) => void this.#onProcessExit(session, exitCode),
      frameBytes: o.frameBytes ?? TERMINAL_FRAME_MAX_BYTES,
      frameDelayMs: o.frameDelayMs ?? 5,
      frameStreamBytes: o.frameStreamBytes ?? 1024,
      highWater: o.highWater ?? TERMINAL_HIGH_WATER_BYTES,
      lowWater: o.lowWater ?? TERMINAL_LOW_WATER_BYTES,
    });
    return session;
  }

  async #onProcessExit(s: TerminalSession, exitCode: number): Promise<void> {
    if (await this.#containerGone(s))
      return this.#finish(s, { exitCode, reason: 'container-stopped' });
    const grace = this.opts.stopGraceMs ?? 2000;
    if (exitCode < 128 || grace <= 0) return this.#finish(s, { exitCode, reason: 'exited' });
    const timer = setTimeout(() => {
      void this.#containerGone(s).then((gone) =>
        this.#finish(s, { exitCode, reason: gone ? 'container-stopped' : 'exited' }),
      );
    }, grace);
    this.#dying.set(s.id, { exitCode, timer });
  }

  async #containerGone(s: TerminalSession): Promise<boolean> {
    try {
      return await this.opts.backend.isStopped(s.containerId);
    } catch (err) {
      this.opts.log.debug(`terminal ${s.id}: cannot check the container: ${errorMessage(err)}`);
      return false;
    }
  }

  #clearDying(sessionId: string): void {
    clearTimeout(this.#dying.get(sessionId)?.timer);
    this.#dying.delete(sessionId);
  }

  /** `hangUpTree`: the session ends while its process runs (expired): end its processes too. */
  #finish(s: TerminalSession, end: SessionEnd, hangUpTree = false): void {
    if (this.#sessions.get(s.id) !== s) return; // closed or already finished
    this.#sessions.delete(s.id);
    this.#clearDying(s.id);
    this.#clearGrace(s.id);
    if (hangUpTree) this.#end(s, true);
    else s.dispose(true);
    this.opts.emit('terminal.exit', { sessionId: s.id, ...end });
    this.opts.log.debug(`terminal ${s.id}: ${end.reason} (code ${end.exitCode ?? 'unknown'})`);
  }
}
