import { spawn, type ChildProcess } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { RuntimeError } from '../errors.js';
import {
  AnswerSplitter,
  firstLineCommand,
  parseAnswer,
  runCommand,
  type SpawnerAnswer,
} from './protocol.js';

/** What `run` gives back: the child's exit status and stderr (at most 1 000 characters). */
export interface RunResult {
  status: number;
  stderr: string;
}

/** What `firstLine` gives back: the line, or the child's output when it closed without one. */
export type FirstLineResult = { line: string } | { closed: string };

interface Pending {
  resolve(a: SpawnerAnswer): void;
  reject(e: Error): void;
}

/** One shell process and the answers still owed on its stdout. */
class Shell {
  readonly child: ChildProcess;
  readonly pending = new Map<number, Pending>();
  exited = false;
  #stderrTail = '';
  readonly #stdin: Writable;
  readonly #stdout: Readable;

  constructor(shell: string, onGone: (s: Shell) => void) {
    // its own session (as conmon's launch had): no terminal signal meant for the agent reaches it
    this.child = spawn(shell, [], { stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    this.#stdin = this.child.stdin!;
    this.#stdout = this.child.stdout!;
    this.#stdin.on('error', () => undefined); // EPIPE once it is gone: its answers decide
    const splitter = new AnswerSplitter();
    this.#stdout.on('data', (chunk: Buffer) => {
      for (const raw of splitter.push(chunk)) {
        const a = parseAnswer(raw);
        const p = a && this.pending.get(a.id);
        if (!a || !p) continue;
        this.pending.delete(a.id);
        p.resolve(a);
      }
      this.#refs();
    });
    this.child.stderr!.on('data', (b: Buffer) => {
      this.#stderrTail = (this.#stderrTail + b.toString('utf8')).slice(-500);
    });
    this.child.on('error', (err) => this.#fail(RuntimeError.wrap(err, 'spawner', 'UNAVAILABLE')));
    this.child.on('exit', () => {
      this.exited = true;
      onGone(this);
    });
    // stdout ends when the shell and every job it started are gone: nothing more can answer
    this.#stdout.on('close', () => {
      const why = this.#stderrTail.trim();
      this.#fail(
        new RuntimeError('UNAVAILABLE', `the spawner shell is gone${why ? `: ${why}` : ''}`),
      );
    });
    this.#refs();
  }

  #fail(err: Error): void {
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
    this.#refs();
  }

  /** Keeps the process alive only while answers are owed (an idle spawner never holds it open). */
  #refs(): void {
    const busy = this.pending.size > 0;
    for (const h of [this.child, this.#stdout, this.child.stderr, this.#stdin] as const) {
      const r = h as unknown as { ref?: () => void; unref?: () => void };
      if (busy) r.ref?.();
      else r.unref?.();
    }
  }

  send(id: number, command: string): Promise<SpawnerAnswer> {
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.#refs();
      this.#stdin.write(command);
    });
  }

  /** Ends its input: the shell exits once the command it is reading is started. */
  end(): void {
    this.#stdin.end();
  }
}

/**
 * A long-lived `/bin/sh` that forks the agent's short-lived children (the overlay `mount` and
 * `umount`, conmon) on request, so those forks copy a shell of ≈ 1 MB instead of the agent's
 * ≈ 100 MB process (4–9 ms of the agent's main thread each, more on a loaded host, plus the
 * copy-on-write faults after). Requests go in on its stdin and answers come out on its stdout
 * (protocol.ts): anonymous socket pairs the agent made when it started the shell (Node's stdio
 * pipes), which nobody else holds — no path on disk, nothing to connect to; the shell runs as the
 * agent does and runs only what the agent writes, so it lets nobody do anything new. It ends
 * with the agent: when the agent's process goes (even SIGKILLed) its end of stdin closes and the
 * shell exits; a request in flight finishes its job (a mount, conmon's launch) and that job's
 * answer is lost, as a child of the agent itself would be. A shell that died is replaced on the
 * next request; the answers its jobs still owe arrive on its own stdout.
 */
export class Spawner {
  #shell: Shell | null = null;
  #nextId = 1;

  constructor(private readonly shellPath = '/bin/sh') {}

  /** The shell's pid (started if needed), for tests and diagnostics. */
  get pid(): number | undefined {
    return this.#current().child.pid;
  }

  #current(): Shell {
    if (!this.#shell || this.#shell.exited) {
      this.#shell = new Shell(this.shellPath, (s) => {
        if (this.#shell === s) this.#shell = null;
      });
    }
    return this.#shell;
  }

  /** Runs `file args` to its end (stdin, stdout /dev/null): its exit status and stderr. */
  async run(file: string, args: readonly string[]): Promise<RunResult> {
    const id = this.#nextId++;
    const a = await this.#current().send(id, runCommand(id, file, args));
    if (a.kind !== 'exit') throw new RuntimeError('INTERNAL', `spawner: unexpected answer`);
    return { status: a.status, stderr: a.text };
  }

  /**
   * Runs `file args` in `cwd` with `env` added to the agent's environment and a pipe on its
   * fd 3 (stderr on the same pipe); resolves with the first line it writes there that starts
   * with `{`, or with what it wrote when the pipe closed without one.
   */
  async firstLine(
    file: string,
    args: readonly string[],
    opts: { cwd: string; env: Readonly<Record<string, string>> },
  ): Promise<FirstLineResult> {
    const id = this.#nextId++;
    const a = await this.#current().send(id, firstLineCommand(id, file, args, opts));
    if (a.kind === 'line') return { line: a.text };
    if (a.kind === 'eof') return { closed: a.text };
    throw new RuntimeError('INTERNAL', `spawner: unexpected answer`);
  }

  /** Lets the shell go (it exits once its input ends); a later request starts a new one. */
  close(): void {
    this.#shell?.end();
    this.#shell = null;
  }
}

let shared: Spawner | null = null;

/** The process's spawner, made on first use (mount and conmon's launch go through it). */
export function sharedSpawner(): Spawner {
  shared ??= new Spawner();
  return shared;
}
