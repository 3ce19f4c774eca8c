import type { ContainerService } from '../../containers/service.js';
import { toDockerEvent, type ContainerFacts } from '../translate/events.js';
import type { DockerEvent } from '../types/events.js';

const KEEP = 1000;

/**
 * The Docker API's view of the engine's events: every container and image event as Docker's
 * message, the last 1000 kept for `since`, plus the volume events the volume routes publish.
 */
export class EventLog {
  readonly #recent: DockerEvent[] = [];
  readonly #listeners = new Set<(e: DockerEvent) => void>();
  readonly #facts = new Map<string, ContainerFacts>();

  /** `builtinNetworkId`: the network Docker clients know as `bridge`. */
  constructor(containers: ContainerService, builtinNetworkId: () => string) {
    containers.events.subscribe((e) => {
      let facts: ContainerFacts | null = null;
      if (e.kind === 'container') {
        const rec = containers.records().find((r) => r.id === e.id);
        if (rec) this.#facts.set(rec.id, { labels: { ...rec.labels } });
        facts = this.#facts.get(e.id) ?? null;
        if (e.type === 'destroy') this.#facts.delete(e.id);
      }
      const bridge = e.kind === 'network' && e.id === builtinNetworkId();
      this.publish(toDockerEvent(bridge ? { ...e, name: 'bridge' } : e, facts));
    });
  }

  publish(e: DockerEvent): void {
    this.#recent.push(e);
    if (this.#recent.length > KEEP) this.#recent.splice(0, this.#recent.length - KEEP);
    for (const l of this.#listeners) {
      try {
        l(e);
      } catch {
        /* one client's failure is not the others' */
      }
    }
  }

  since(t: Date): DockerEvent[] {
    const ns = t.getTime() * 1e6;
    return this.#recent.filter((e) => e.timeNano >= ns);
  }

  subscribe(l: (e: DockerEvent) => void): () => void {
    this.#listeners.add(l);
    return () => this.#listeners.delete(l);
  }
}
