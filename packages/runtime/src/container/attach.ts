import { connectAttachSocket, resizeTerminal } from '../monitor/attach-socket.js';
import { failedPrecondition } from '../errors.js';
import { parseOrThrow } from '../validate.js';
import { terminalSizeSchema, type TerminalSize } from '../exec/options.js';
import type { ContainerRecord } from './record.js';
import { AttachSession } from './attach-session.js';

export { AttachSession, type AttachDataListener } from './attach-session.js';

/** Pure: how conmon runs a container's main process (from its create options). */
export function terminalModeOf(rec: Pick<ContainerRecord, 'options'>): {
  tty: boolean;
  stdin: boolean;
  /** Stdin closes when the first attach client closes its input (Docker's `StdinOnce`). */
  stdinOnce: boolean;
} {
  const stdin = rec.options.openStdin === true;
  return {
    tty: rec.options.tty === true,
    stdin,
    stdinOnce: stdin && rec.options.stdinOnce === true,
  };
}

/** Sessions waiting for their container's next start, by container ID. */
export class AttachHub {
  private readonly pending = new Map<string, Set<AttachSession>>();

  add(session: AttachSession): void {
    const set = this.pending.get(session.containerId) ?? new Set<AttachSession>();
    set.add(session);
    this.pending.set(session.containerId, set);
    session.onClose(() => this.remove(session));
  }

  /** True when the session was still pending (and is no longer). */
  remove(session: AttachSession): boolean {
    const set = this.pending.get(session.containerId);
    const had = set?.delete(session) ?? false;
    if (set && set.size === 0) this.pending.delete(session.containerId);
    return had;
  }

  /**
   * Called between conmon's `runtime create` and `runtime start`: binds every pending session
   * to the attach socket. A session that cannot connect fails the start (it would miss output).
   */
  async connectPending(id: string, bundle: string): Promise<void> {
    const sessions = [...(this.pending.get(id) ?? [])];
    this.pending.delete(id);
    try {
      for (const s of sessions) s.bind(await connectAttachSocket(bundle));
    } catch (err) {
      for (const s of sessions) s.close();
      throw err;
    }
  }
}

export interface AttachOptions {
  /** The client's terminal size (applied before a pending container starts). */
  size?: TerminalSize;
}

/**
 * Attaches to a container's main process. A running (or paused) container is attached at once;
 * a created or exited one when it next starts (output from its first byte). The session ends
 * when the container exits or the caller closes it. `current` reads the record again (a start
 * may run while the session registers).
 */
export async function attachContainer(
  hub: AttachHub,
  rec: ContainerRecord,
  current: () => ContainerRecord,
  opts: AttachOptions = {},
): Promise<AttachSession> {
  if (rec.state === 'removing') throw failedPrecondition(`container ${rec.name} is being removed`);
  const { tty, stdin } = terminalModeOf(rec);
  const session = new AttachSession(rec.id, rec.bundle, tty, stdin);
  if (opts.size) session.resize(opts.size);
  if (rec.state === 'created' || rec.state === 'exited') {
    hub.add(session);
    // a start that ran while we registered has already taken the pending set
    const now = current().state;
    if ((now === 'running' || now === 'paused') && hub.remove(session))
      await bindNow(session, rec.bundle);
    return session;
  }
  await bindNow(session, rec.bundle);
  return session;
}

async function bindNow(session: AttachSession, bundle: string): Promise<void> {
  try {
    session.bind(await connectAttachSocket(bundle));
  } catch (err) {
    session.close();
    throw err;
  }
}

/** Resizes a running container's terminal (conmon's ctl FIFO). */
export function resizeContainer(rec: ContainerRecord, size: TerminalSize): void {
  const s = parseOrThrow(terminalSizeSchema, size, 'terminal size');
  if (!terminalModeOf(rec).tty) throw failedPrecondition(`container ${rec.name} has no terminal`);
  if (rec.state !== 'running' && rec.state !== 'paused')
    throw failedPrecondition(`container ${rec.name} is ${rec.state}, not running`);
  resizeTerminal(rec.bundle, s);
}
