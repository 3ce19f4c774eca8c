import type {
  DiskUsage,
  ImageInspect,
  ImagePruneResult,
  ImageRemoveResult,
  ImageSummary,
  LayerProgress,
  LayersReport,
  PushResult,
} from '@berth/protocol';
import type { Readable } from 'node:stream';
import type { Credentials, ImageEngine, LoadedImage } from '@berth/runtime';
import {
  diskUsageDto,
  imageInspectDto,
  imageSummaryDto,
  layersReportDto,
  pruneResultDto,
} from './dto.js';

export type ProgressSink = (p: LayerProgress) => void;

/**
 * The agent's one view of the image engine, in protocol DTOs: REST routes and RPC handlers both
 * call it, so the two surfaces cannot drift. Holds no state besides the engine.
 */
export class ImageService {
  readonly #loaded = new ListenerSet();

  constructor(readonly engine: ImageEngine) {}

  async list(filter: { dangling?: boolean } = {}): Promise<ImageSummary[]> {
    const all = (await this.engine.images.list()).map(imageSummaryDto);
    return filter.dangling === undefined ? all : all.filter((i) => i.dangling === filter.dangling);
  }

  async inspect(ref: string): Promise<ImageInspect> {
    const record = await this.engine.resolve(ref);
    return imageInspectDto(record, await this.engine.inspect(record.id));
  }

  /** `credentials`: for this pull only (Docker's X-Registry-Auth), else the stored ones. */
  async pull(
    ref: string,
    opts: { platform?: string; onProgress?: ProgressSink; credentials?: Credentials } = {},
  ) {
    const pulled = await this.engine.pull(ref, {
      platform: opts.platform,
      onProgress: opts.onProgress,
      credentials: opts.credentials,
    });
    return imageSummaryDto(await this.engine.resolve(pulled.id));
  }

  async push(
    ref: string,
    opts: { onProgress?: ProgressSink; credentials?: Credentials } = {},
  ): Promise<PushResult> {
    const r = await this.engine.push(ref, {
      onProgress: opts.onProgress,
      credentials: opts.credentials,
    });
    return { ref: r.ref, digest: r.digest };
  }

  async tag(source: string, target: string): Promise<ImageSummary> {
    const tagged = await this.engine.tag(source, target);
    return imageSummaryDto(await this.engine.resolve(tagged.id));
  }

  async remove(ref: string, force = false): Promise<ImageRemoveResult> {
    const r = await this.engine.remove(ref, { force });
    return { untagged: [...r.untagged], deleted: [...r.deleted] };
  }

  async prune(): Promise<ImagePruneResult> {
    const r = await this.engine.prune();
    return pruneResultDto(r.deleted, r.gc);
  }

  async layers(): Promise<LayersReport> {
    return layersReportDto(await this.engine.layers());
  }

  async df(): Promise<DiskUsage> {
    return diskUsageDto(await this.engine.df());
  }

  /** Whether `berth login` stored credentials for this registry host. */
  async hasCredentials(registry: string): Promise<boolean> {
    return (await this.engine.credentials.get(registry)) !== undefined;
  }

  login(server: string, username: string, password: string): Promise<void> {
    return this.engine.login(server, { username, password });
  }

  async logout(server: string): Promise<{ removed: boolean }> {
    return { removed: await this.engine.logout(server) };
  }

  save(refs: readonly string[], path: string): Promise<void> {
    return this.engine.save(refs, path);
  }

  async load(path: string, platform?: string): Promise<ImageSummary[]> {
    const loaded = await this.engine.load(path, { platform });
    const out: ImageSummary[] = [];
    for (const i of loaded) out.push(imageSummaryDto(await this.engine.resolve(i.id)));
    // The engine emits no event for a load; the list changed all the same.
    this.#loaded.fire();
    return out;
  }

  /** Loads an archive from a stream (Docker's `POST /images/load`); the image list changes. */
  async loadArchive(
    source: Readable,
    opts: { platform?: string; onProgress?: ProgressSink } = {},
  ): Promise<LoadedImage[]> {
    const loaded = await this.engine.loadArchive(source, opts);
    this.#loaded.fire();
    return loaded;
  }

  /** Calls `fn` (debounced) after any change to the image list. Returns the unsubscribe. */
  onChange(fn: () => void, debounceMs = 50): () => void {
    let timer: NodeJS.Timeout | undefined;
    const kick = () => {
      clearTimeout(timer);
      timer = setTimeout(fn, debounceMs);
    };
    const offs = (
      ['image.pulled', 'image.pushed', 'image.tagged', 'image.untagged', 'image.deleted'] as const
    ).map((e) => this.engine.events.on(e, kick));
    const offLoad = this.#loaded.add(kick);
    return () => {
      clearTimeout(timer);
      for (const off of offs) off();
      offLoad();
    };
  }
}

class ListenerSet {
  readonly #set = new Set<() => void>();
  add(fn: () => void): () => void {
    this.#set.add(fn);
    return () => this.#set.delete(fn);
  }
  fire(): void {
    for (const fn of this.#set) fn();
  }
}
