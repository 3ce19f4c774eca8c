import type { ContainerRecord } from '@berth/runtime';
import type { ContainerService } from '../containers/service.js';
import { errorMessage } from '../errors.js';
import type { Progress } from './resources.js';

type Step =
  | { kind: 'created'; id: string; name: string }
  | { kind: 'started'; id: string; name: string }
  | { kind: 'replaced'; old: ContainerRecord; wasRunning: boolean };

/**
 * The undo log of one `up`: what it created, started and replaced. `rollback` undoes it in
 * reverse — removes the new containers, stops what it started, and re-creates each replaced
 * container from its record (same image, options, name and labels, so the same config hash) and
 * starts it again if it was running — so a failed `up` leaves the previous version running.
 */
export class UpTransaction {
  readonly #steps: Step[] = [];

  constructor(private readonly containers: ContainerService) {}

  created(id: string, name: string): void {
    this.#steps.push({ kind: 'created', id, name });
  }

  started(id: string, name: string): void {
    this.#steps.push({ kind: 'started', id, name });
  }

  replaced(old: ContainerRecord, wasRunning: boolean): void {
    this.#steps.push({ kind: 'replaced', old, wasRunning });
  }

  async rollback(progress: Progress): Promise<void> {
    for (const step of [...this.#steps].reverse()) {
      try {
        await this.#undo(step, progress);
      } catch (err) {
        progress({
          kind: 'warning',
          name: nameOf(step),
          status: `rollback failed: ${errorMessage(err)}`,
        });
      }
    }
    this.#steps.length = 0;
  }

  async #undo(step: Step, progress: Progress): Promise<void> {
    const c = this.containers;
    switch (step.kind) {
      case 'created':
        await c.remove(step.id, true);
        progress({ kind: 'container', name: step.name, status: 'Removed (rollback)' });
        return;
      case 'started':
        await c.stop(step.id);
        progress({ kind: 'container', name: step.name, status: 'Stopped (rollback)' });
        return;
      case 'replaced': {
        const rec = await c.restore(step.old);
        if (step.wasRunning) await c.start(rec.id);
        progress({ kind: 'container', name: rec.name, status: 'Restored (rollback)' });
        return;
      }
    }
  }
}

const nameOf = (s: Step) => (s.kind === 'replaced' ? s.old.name : s.name);
