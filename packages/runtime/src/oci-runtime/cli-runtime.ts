import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod';
import * as A from './args.js';
import type { OciRuntime, RuntimeState } from './types.js';
import { runBinary, type BinaryResult } from './run-binary.js';
import { startThroughExecFifo } from './exec-fifo.js';
import { RuntimeError, isRuntimeError } from '../errors.js';

const stateSchema = z.object({
  id: z.string(),
  pid: z.number().int(),
  status: z.enum(['creating', 'created', 'running', 'paused', 'stopped']),
  bundle: z.string(),
  created: z.string(),
});

/** An OCI runtime driven through its CLI; runc and crun are instances with different binaries. */
export class CliRuntime implements OciRuntime {
  constructor(
    readonly name: string,
    readonly binary: string,
    readonly root: string,
  ) {}

  globalArgs(): string[] {
    return A.globalArgs(this.root);
  }

  private run(args: string[], input?: string): Promise<BinaryResult> {
    return runBinary(this.binary, [...this.globalArgs(), ...args], { input });
  }

  /** Direct create (tests, tools); real containers are created through conmon. */
  async create(id: string, opts: A.CreateOpts): Promise<void> {
    await runBinary(this.binary, [...this.globalArgs(), ...A.createArgs(id, opts)], {
      detached: true,
    });
  }
  /** runc: through the exec fifo when the container is created (see exec-fifo.ts). */
  async start(id: string): Promise<void> {
    if (this.name === 'runc' && (await startThroughExecFifo(join(this.root, id)))) return;
    await this.run(A.startArgs(id));
  }
  /**
   * The runtime's state of `id`, null when it does not know it. runc and crun keep a container's
   * state in `<root>/<id>/`: without that directory the answer is null without running the
   * binary (a process less on every first start).
   */
  async state(id: string): Promise<RuntimeState | null> {
    if (!existsSync(join(this.root, id))) return null;
    try {
      const { stdout } = await this.run(A.stateArgs(id));
      const parsed = stateSchema.safeParse(JSON.parse(stdout));
      if (!parsed.success)
        throw new RuntimeError('INTERNAL', `${this.name} state ${id}: unexpected output`);
      return parsed.data;
    } catch (err) {
      if (isRuntimeError(err, 'NOT_FOUND')) return null;
      throw err;
    }
  }
  async kill(id: string, signal: string, opts?: A.KillOpts): Promise<void> {
    await this.run(A.killArgs(id, signal, opts));
  }
  async delete(id: string, opts?: A.DeleteOpts): Promise<void> {
    await this.run(A.deleteArgs(id, opts));
  }
  async pause(id: string): Promise<void> {
    await this.run(A.pauseArgs(id));
  }
  async resume(id: string): Promise<void> {
    await this.run(A.resumeArgs(id));
  }
  async update(id: string, opts: A.UpdateOpts): Promise<void> {
    await this.run(A.updateArgs(id, opts));
  }
  async ps(id: string): Promise<number[]> {
    const { stdout } = await this.run(A.psArgs(id));
    const parsed = z.array(z.number().int()).nullable().safeParse(JSON.parse(stdout));
    if (!parsed.success)
      throw new RuntimeError('INTERNAL', `${this.name} ps ${id}: unexpected output`);
    return parsed.data ?? [];
  }
  exec(id: string, opts: A.ExecOpts): Promise<BinaryResult> {
    return runBinary(this.binary, [...this.globalArgs(), ...A.execArgs(id, opts)], {
      allowFailure: true,
    });
  }
  execArgs(id: string, opts: A.ExecOpts): string[] {
    return A.execArgs(id, opts);
  }
}
