import type { CreateOpts, DeleteOpts, ExecOpts, KillOpts, UpdateOpts } from './args.js';
import type { BinaryResult } from './run-binary.js';

export type RuntimeStatus = 'creating' | 'created' | 'running' | 'paused' | 'stopped';

/** `runc state` output. */
export interface RuntimeState {
  id: string;
  pid: number;
  status: RuntimeStatus;
  bundle: string;
  created: string;
}

/** The OCI runtime CLI (runc, crun) as Berth drives it. */
export interface OciRuntime {
  readonly name: string;
  readonly binary: string;
  /** State directory (`--root`). */
  readonly root: string;
  /** Global arguments (`--root …`) to put before a subcommand, e.g. for conmon. */
  globalArgs(): string[];
  create(id: string, opts: CreateOpts): Promise<void>;
  start(id: string): Promise<void>;
  /** null when the runtime does not know the container. */
  state(id: string): Promise<RuntimeState | null>;
  kill(id: string, signal: string, opts?: KillOpts): Promise<void>;
  delete(id: string, opts?: DeleteOpts): Promise<void>;
  pause(id: string): Promise<void>;
  resume(id: string): Promise<void>;
  update(id: string, opts: UpdateOpts): Promise<void>;
  ps(id: string): Promise<number[]>;
  /** Runs a process inside; resolves with its output and exit code (never throws for a non-zero exit). */
  exec(id: string, opts: ExecOpts): Promise<BinaryResult>;
  /** Full argument vector for `exec` (after globalArgs), for callers that spawn themselves (ExecProcess). */
  execArgs(id: string, opts: ExecOpts): string[];
}
