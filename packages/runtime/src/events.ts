/** A small typed event emitter (no Node EventEmitter `any`s leak into the API). */
export class TypedEmitter<Events extends Record<string, unknown>> {
  private readonly listeners = new Map<keyof Events, Set<(payload: never) => void>>();

  on<K extends keyof Events>(event: K, listener: (payload: Events[K]) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as (payload: never) => void);
    return () => this.off(event, listener);
  }

  off<K extends keyof Events>(event: K, listener: (payload: Events[K]) => void): void {
    this.listeners.get(event)?.delete(listener as (payload: never) => void);
  }

  emit<K extends keyof Events>(event: K, payload: Events[K]): void {
    for (const l of this.listeners.get(event) ?? []) {
      try {
        (l as (p: Events[K]) => void)(payload);
      } catch {
        // a listener's failure must not break the emitter's caller
      }
    }
  }
}

export type LayerStatus =
  | 'waiting'
  | 'downloading'
  | 'verifying'
  | 'extracting'
  | 'already exists'
  | 'pushing'
  | 'mounted'
  | 'done';

/** Per-layer progress of a pull or push. `layer` is the blob digest; bytes are compressed for downloads. */
export interface LayerProgress {
  readonly layer: string;
  readonly status: LayerStatus;
  readonly current: number;
  readonly total: number;
}

export interface ImageEvents extends Record<string, unknown> {
  'image.pull.progress': LayerProgress & { readonly ref: string };
  'image.pulled': { readonly ref: string; readonly id: string };
  'image.pushed': { readonly ref: string; readonly digest: string };
  'image.tagged': { readonly id: string; readonly tag: string };
  'image.untagged': { readonly id: string; readonly tag: string };
  'image.deleted': { readonly id: string };
}
