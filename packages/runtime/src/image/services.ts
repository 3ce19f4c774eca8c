import type { BlobFiles, ContentStore } from '../content/content.js';
import type { Snapshotter } from '../snapshot/snapshotter.js';
import type { RegistryClient } from '../registry/client.js';
import type { TypedEmitter, ImageEvents, LayerProgress } from '../events.js';
import type { ImageStore } from './image-store.js';

/** What the image flows (pull, push, save, load, gc) work on; the engine composes it. */
export interface ImageServices {
  readonly content: ContentStore & BlobFiles;
  readonly snapshots: Snapshotter;
  readonly images: ImageStore;
  /** One client per registry host (keeps that host's token cache). */
  readonly registry: (host: string) => RegistryClient;
  readonly events: TypedEmitter<ImageEvents>;
}

export type ProgressListener = (p: LayerProgress) => void;

/** Runs at most `n` tasks at once. */
export function limiter(n: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0;
  const queue: Array<() => void> = [];
  const next = () => {
    if (active >= n) return;
    const start = queue.shift();
    if (start) {
      active++;
      start();
    }
  };
  return (task) =>
    new Promise((resolve, reject) => {
      queue.push(() => {
        task()
          .then(resolve, reject)
          .finally(() => {
            active--;
            next();
          });
      });
      next();
    });
}
