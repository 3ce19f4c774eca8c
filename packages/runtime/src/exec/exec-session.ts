import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import type { OciRuntime } from '../oci-runtime/types.js';
import { parseOrThrow } from '../validate.js';
import { resizeTerminal } from '../monitor/attach-socket.js';
import { execSessionPaths } from './conmon-exec-args.js';
import { containerProcess, launchExecConmon, type LaunchedExec } from './conmon-exec.js';
import {
  execProcessSpec,
  resolveExec,
  terminalSizeSchema,
  type ExecOptionsInput,
  type ExecTarget,
  type TerminalSize,
} from './options.js';
import { liveProcStat, signalPid, sleep } from './proc-stat.js';

export interface Disposable {
  dispose(): void;
}

export interface ExecExit {
  exitCode: number;
  signal: number | null;
}

/** Where interactive execs run from: the agent's exec root and conmon. */
export interface ExecSessionHost {
  execRoot: string;
  conmonPath: string;
}

/** After a hang-up, how long the process has before SIGKILL. */
const HANGUP_GRACE_MS = 1000;
/** After the process is gone, how long conmon has to go before SIGKILL. */
const CONMON_GRACE_MS = 2000;
/** Output is held this long for a first listener (see the constructor). */
const NOBODY_LISTENS_MS = 1000;
/** The exit code reported when conmon went without reporting one (killed). */
const LOST_EXIT_CODE = 255;

/**
 * An interactive exec under conmon, as Podman's `exec -it`: conmon runs `<runtime> exec -d
 * --tty` with the container's own process spec (same user, capabilities, AppArmor profile,
 * no_new_privs, rlimits; never nsenter), holds the console and serves it on its attach socket,
 * read here by an `AttachReader` (flow control: `pause` stops reading, and conmon and the
 * process block on their writes). One PTY and no runtime copy loop between the process and the
 * agent. Its files live in `<execRoot>/execs/<session>/`, removed when the session ends
 * (`closed`); conmon outlives an agent that dies, so the next start sweeps what is left there
 * (`sweepExecSessions`).
 */
export class ExecSession {
  /** Resolves once with the exit of the exec'd process, after the last of its output. */
  readonly exited: Promise<ExecExit>;
  /** Resolves once conmon is gone and the session's directory removed. */
  readonly closed: Promise<void>;
  #disposed = false;
  #exitCode: number | null = null;
  readonly #listeners = new Set<(data: Buffer) => void>();
  readonly #exitCodeKnown: Promise<number>;
  #wire: () => void;

  private constructor(
    private readonly launched: LaunchedExec,
    private readonly dir: string,
  ) {
    this.#exitCodeKnown = launched.sync.next().then(
      (m) => m.data,
      () => LOST_EXIT_CODE,
    );
    void this.#exitCodeKnown.then((c) => (this.#exitCode = c));
    // output waits for the first listener (callers subscribe once `open` resolved), or for
    // NOBODY_LISTENS_MS, so a session that no one reads still ends
    const wire = setTimeout(() => this.#wire(), NOBODY_LISTENS_MS);
    wire.unref();
    this.#wire = () => {
      clearTimeout(wire);
      this.#wire = () => undefined;
      launched.reader.onData = (d) => {
        for (const l of this.#listeners) l(d);
      };
    };
    // the exit after every byte of output (or at once, when nobody reads any more)
    this.exited = this.#exitCodeKnown.then(async (exitCode) => {
      if (!this.#disposed) await launched.reader.ended;
      return { exitCode, signal: null };
    });
    this.closed = this.exited.then(() => this.#cleanUp());
  }

  static async open(
    runtime: OciRuntime,
    target: ExecTarget,
    opts: ExecOptionsInput,
    size: TerminalSize,
    host: ExecSessionHost,
  ): Promise<ExecSession> {
    const { cols, rows } = parseOrThrow(terminalSizeSchema, size, 'terminal size');
    const resolved = await resolveExec(target, opts, true);
    const spec = {
      ...execProcessSpec(await containerProcess(target.bundle), resolved),
      consoleSize: { height: rows, width: cols },
    };
    const sessionId = randomBytes(8).toString('hex');
    const paths = execSessionPaths(host.execRoot, sessionId);
    const launched = await launchExecConmon(
      host.conmonPath,
      {
        sessionId,
        containerId: target.id,
        runtimeBinary: runtime.binary,
        runtimeArgs: runtime.globalArgs(),
        paths,
      },
      spec,
    );
    return new ExecSession(launched, paths.dir);
  }

  /**
   * conmon's pid, the exec'd process's parent (it is its subreaper): the shape callers rely on
   * (the process and everything it started are its descendants).
   */
  get pid(): number {
    return this.launched.conmonPid;
  }

  /** The exec'd process's own host pid. */
  get processPid(): number {
    return this.launched.pid;
  }

  /** Input bytes for the terminal, as they are (a terminal sends any byte, not only UTF-8). */
  write(data: Buffer): void {
    if (!this.#disposed) this.launched.reader.write(data);
  }

  /** conmon's ctl FIFO (`1 rows cols`); ignored once conmon is gone. */
  resize(size: TerminalSize): void {
    const s = parseOrThrow(terminalSizeSchema, size, 'terminal size');
    if (this.#disposed || this.#exitCode !== null) return;
    try {
      resizeTerminal(this.dir, s);
    } catch {
      /* conmon is gone: the exit follows */
    }
  }

  /** Output bytes as one console read gave them (not decoded: may end inside a UTF-8 sequence). */
  onData(listener: (data: Buffer) => void): Disposable {
    this.#listeners.add(listener);
    this.#wire();
    return { dispose: () => this.#listeners.delete(listener) };
  }

  onExit(listener: (exit: ExecExit) => void): Disposable {
    let active = true;
    void this.exited.then((e) => active && listener(e));
    return { dispose: () => (active = false) };
  }

  /**
   * Flow control: stop reading the attach socket. conmon blocks writing to it, then the process
   * blocks writing to its terminal. Input and resizes wait meanwhile (conmon's loop is in that
   * write): a Ctrl-C into a flooding command arrives once the reader resumes, as with Podman.
   */
  pause(): void {
    this.launched.reader.pause();
  }

  resume(): void {
    this.launched.reader.resume();
  }

  /**
   * Detaches every listener and ends the process: SIGHUP (as a terminal hang-up), SIGKILL after
   * a grace time, conmon killed if it still lingers; then the session's files go (`closed`).
   */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#listeners.clear();
    // closing the socket also unblocks a conmon stuck writing to a paused reader
    this.launched.reader.close();
    void this.#hangUp();
  }

  async #hangUp(): Promise<void> {
    const { pid, conmonPid } = this.launched;
    const gone = (ms: number) =>
      Promise.race([this.#exitCodeKnown.then(() => true), sleep(ms).then(() => false)]);
    if (this.#exitCode !== null) return;
    // the pid is the process's only while conmon is still its parent (pids are reused)
    const isOurs = async () => (await liveProcStat(pid))?.ppid === conmonPid;
    if ((await isOurs()) && signalPid(pid, 'SIGHUP') && (await gone(HANGUP_GRACE_MS))) return;
    if (this.#exitCode !== null) return;
    if (await isOurs()) signalPid(pid, 'SIGKILL');
    if (await gone(CONMON_GRACE_MS)) return;
    signalPid(conmonPid, 'SIGKILL'); // the sync pipe ends: the exit resolves as lost
  }

  async #cleanUp(): Promise<void> {
    this.launched.reader.close();
    const { conmonPid } = this.launched;
    for (let waited = 0; (await liveProcStat(conmonPid)) !== null; waited += 20) {
      if (waited >= CONMON_GRACE_MS) signalPid(conmonPid, 'SIGKILL');
      await sleep(20);
    }
    await rm(this.dir, { recursive: true, force: true });
  }
}
