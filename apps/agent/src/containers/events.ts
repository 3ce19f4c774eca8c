import type { ContainerEvent, ContainerEventType, EngineEvent } from '@berth/protocol';
import type { ContainerEvent as RuntimeContainerEvent, ImageEngine } from '@berth/runtime';
import { isoTime } from '@berth/log';

/** Pure: the runtime's lifecycle event type → docker's event name (null = not reported). */
export function eventTypeOf(t: RuntimeContainerEvent['type']): ContainerEventType | null {
  switch (t) {
    case 'exit':
      return 'die';
    case 'remove':
      return 'destroy';
    case 'restart-scheduled':
      return 'restart';
    default:
      return t;
  }
}

/** Fan-out of engine events to `GET /v1/events` streams (and any other subscriber). */
export class EventBus {
  readonly #listeners = new Set<(e: EngineEvent) => void>();

  subscribe(listener: (e: EngineEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  publish(e: EngineEvent): void {
    for (const l of this.#listeners) {
      try {
        l(e);
      } catch {
        /* one subscriber's failure is not the others' */
      }
    }
  }

  container(e: Omit<ContainerEvent, 'kind' | 'at'> & { at?: string }): void {
    this.publish({ kind: 'container', at: isoTime(), ...e });
  }

  /** Forwards the image engine's events; returns the unsubscribe. */
  watchImages(engine: ImageEngine): () => void {
    const at = () => isoTime();
    const offs = [
      engine.events.on('image.pulled', (p) =>
        this.publish({ kind: 'image', type: 'pull', id: p.id, ref: p.ref, at: at() }),
      ),
      engine.events.on('image.pushed', (p) =>
        this.publish({ kind: 'image', type: 'push', id: p.digest, ref: p.ref, at: at() }),
      ),
      engine.events.on('image.tagged', (p) =>
        this.publish({ kind: 'image', type: 'tag', id: p.id, ref: p.tag, at: at() }),
      ),
      engine.events.on('image.untagged', (p) =>
        this.publish({ kind: 'image', type: 'untag', id: p.id, ref: p.tag, at: at() }),
      ),
      engine.events.on('image.deleted', (p) =>
        this.publish({ kind: 'image', type: 'delete', id: p.id, at: at() }),
      ),
    ];
    return () => offs.forEach((off) => off());
  }
}
