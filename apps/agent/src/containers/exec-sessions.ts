import { randomBytes } from 'node:crypto';
import type { ExecInspect } from '@berth/protocol';
import type { ExecSession } from '@berth/runtime';
import { AgentError } from '../errors.js';

interface Entry {
  session: ExecSession;
  containerId: string;
  exitCode: number | null;
}

/** Interactive exec sessions by ID, kept a while after exit so clients can read the code. */
export class ExecSessions {
  readonly #entries = new Map<string, Entry>();

  constructor(private readonly keepMs = 5 * 60_000) {}

  add(containerId: string, session: ExecSession): string {
    const id = randomBytes(16).toString('hex');
    const entry: Entry = { session, containerId, exitCode: null };
    this.#entries.set(id, entry);
    void session.exited.then((e) => {
      entry.exitCode = e.exitCode;
      setTimeout(() => this.#entries.delete(id), this.keepMs).unref();
    });
    return id;
  }

  get(id: string): ExecSession {
    return this.#entry(id).session;
  }

  inspect(id: string): ExecInspect {
    const e = this.#entry(id);
    return { id, containerId: e.containerId, running: e.exitCode === null, exitCode: e.exitCode };
  }

  /** Hangs up every live session (agent shutdown). */
  closeAll(): void {
    for (const e of this.#entries.values()) e.session.dispose();
  }

  #entry(id: string): Entry {
    const e = this.#entries.get(id);
    if (!e) throw new AgentError('NOT_FOUND', `no such exec instance: ${id.slice(0, 64)}`);
    return e;
  }
}
