import { randomBytes } from 'node:crypto';
import type { TerminalSize } from '@berth/runtime';
import { AgentError } from '../../errors.js';
import type { DockerExecInspect, ExecCreateBody } from '../types/exec.js';

/** One Docker exec instance: created by `POST /containers/{id}/exec`, run by `/exec/{id}/start`. */
export interface ExecInstance {
  id: string;
  containerId: string;
  config: ExecCreateBody;
  started: boolean;
  running: boolean;
  exitCode: number | null;
  pid: number;
  /** Set while a TTY exec runs: resizes its terminal. */
  resize: ((size: TerminalSize) => void) | null;
  finishedAt: number | null;
}

/** Finished instances stay inspectable this long (Docker keeps them until the container goes). */
const KEEP_MS = 10 * 60_000;
const MAX_INSTANCES = 4096;

/** The Docker API's exec instances (Berth runs an exec at once; Docker splits create and start). */
export class ExecRegistry {
  readonly #instances = new Map<string, ExecInstance>();

  create(containerId: string, config: ExecCreateBody, now = Date.now()): ExecInstance {
    this.#prune(now);
    if (this.#instances.size >= MAX_INSTANCES)
      throw new AgentError('RESOURCE_EXHAUSTED', 'too many exec instances');
    const inst: ExecInstance = {
      id: randomBytes(32).toString('hex'),
      containerId,
      config,
      started: false,
      running: false,
      exitCode: null,
      pid: 0,
      resize: null,
      finishedAt: null,
    };
    this.#instances.set(inst.id, inst);
    return inst;
  }

  get(id: string): ExecInstance {
    const inst = this.#instances.get(id);
    if (!inst) throw new AgentError('NOT_FOUND', `No such exec instance: ${id}`);
    return inst;
  }

  /** IDs of a container's instances (inspect's `ExecIDs`: running ones, as Docker lists them). */
  idsOf(containerId: string): string[] {
    return [...this.#instances.values()]
      .filter((i) => i.containerId === containerId && i.running)
      .map((i) => i.id);
  }

  /** Marks an instance started once; a second start is Docker's 409. */
  begin(inst: ExecInstance, pid: number): void {
    if (inst.started)
      throw new AgentError('FAILED_PRECONDITION', `Error: Exec command ${inst.id} has already run`);
    inst.started = true;
    inst.running = true;
    inst.pid = pid;
  }

  finish(inst: ExecInstance, exitCode: number, now = Date.now()): void {
    inst.running = false;
    inst.exitCode = exitCode;
    inst.resize = null;
    inst.finishedAt = now;
  }

  /** A container's instances go with it. */
  forgetContainer(containerId: string): void {
    for (const [id, i] of this.#instances)
      if (i.containerId === containerId) this.#instances.delete(id);
  }

  #prune(now: number): void {
    for (const [id, i] of this.#instances)
      if (i.finishedAt !== null && now - i.finishedAt > KEEP_MS) this.#instances.delete(id);
  }
}

/** Pure: an instance → `GET /exec/{id}/json`. */
export function toDockerExecInspect(i: ExecInstance): DockerExecInspect {
  const [entrypoint = '', ...args] = i.config.Cmd;
  return {
    CanRemove: false,
    ContainerID: i.containerId,
    DetachKeys: i.config.DetachKeys ?? '',
    ExitCode: i.exitCode,
    ID: i.id,
    OpenStderr: i.config.AttachStderr ?? false,
    OpenStdin: i.config.AttachStdin ?? false,
    OpenStdout: i.config.AttachStdout ?? false,
    ProcessConfig: {
      arguments: args,
      entrypoint,
      privileged: i.config.Privileged ?? false,
      tty: i.config.Tty ?? false,
      user: i.config.User ?? '',
    },
    Running: i.running,
    Pid: i.pid,
  };
}
