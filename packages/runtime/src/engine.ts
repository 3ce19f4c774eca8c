import { createWriteStream } from 'node:fs';
import { mkdir, open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import type { Digest } from './digest/digest.js';
import { RuntimeError, failedPrecondition, invalidArgument } from './errors.js';
import type { BlobFiles, ContentStore } from './content/content.js';
import { LocalContentStore } from './content/local-store.js';
import type { Snapshotter } from './snapshot/snapshotter.js';
import { OverlaySnapshotter } from './snapshot/overlay-snapshotter.js';
import type { Mount, WritableLayer } from './snapshot/mounts.js';
import { RwLock } from './snapshot/rwlock.js';
import { FileImageStore } from './image/file-store.js';
import type { ImageStore } from './image/image-store.js';
import { RegistryClient } from './registry/client.js';
import { CredentialStore, type Credentials } from './registry/credentials.js';
import { TypedEmitter, type ImageEvents, type LayerProgress } from './events.js';
import { parseReference, repositoryName, tagName, formatReference } from './reference/reference.js';
import { parseImageConfig } from './image/manifest.js';
import { parsePlatform, type Platform } from './image/platform.js';
import { pullImage } from './image/pull.js';
import { fileBlobs, pushTree } from './image/push.js';
import { inspectView, summarize, type ImageInspect, type ImageSummary } from './image/inspect.js';
import { loadArchive, type LoadedImage } from './image/archive-load.js';
import { saveArchive } from './image/archive-save.js';
import type { ImageRecord } from './image/records.js';
import type { ImageServices } from './image/services.js';
import { collectGarbage, type GcResult } from './gc/gc.js';
import { layersReport, type LayersReport } from './gc/layers.js';

export interface ImageEngineOptions {
  /** `--data-root`: holds content/, snapshots/, images.json, auth.json. */
  readonly dataRoot: string;
  /** Registries (host[:port]) spoken to over plain HTTP besides loopback. */
  readonly insecureRegistries?: readonly string[];
  /** Whether a container uses the image; such an image is not removed without force. */
  readonly isImageInUse?: (id: Digest) => boolean | Promise<boolean>;
  /** The names of the containers created from an image (for "in use by web-1, db"). */
  readonly imageUsers?: (id: Digest) => readonly string[] | Promise<readonly string[]>;
  readonly registryRetries?: number;
  readonly fetch?: typeof fetch;
}

export interface RemoveResult {
  readonly untagged: readonly string[];
  readonly deleted: readonly Digest[];
}

export interface DiskUsage {
  readonly images: number;
  readonly danglingImages: number;
  /** Compressed bytes in the content store. */
  readonly contentBytes: number;
  /** Unpacked bytes across all snapshots (each stored once). */
  readonly snapshotBytes: number;
  readonly sharedSavings: number;
}

type PlatformOption = Platform | string;

export interface TransferOptions {
  onProgress?: (p: LayerProgress) => void;
  /** Credentials for this one pull or push (Docker's X-Registry-Auth); never stored. */
  credentials?: Credentials;
}

/** The image half of Berth's engine: the facade the agent wraps in REST and CLI. */
export class ImageEngine {
  readonly events = new TypedEmitter<ImageEvents>();
  readonly content: ContentStore & BlobFiles;
  readonly snapshots: Snapshotter;
  readonly images: ImageStore;
  readonly credentials: CredentialStore;
  private readonly clients = new Map<string, RegistryClient>();
  /** Pulls, pushes, loads and saves share it; GC takes it exclusively (a lease on fresh content). */
  private readonly gcLock = new RwLock();
  private readonly services: ImageServices;

  private constructor(private readonly opts: ImageEngineOptions) {
    this.content = new LocalContentStore(join(opts.dataRoot, 'content'));
    this.snapshots = new OverlaySnapshotter(join(opts.dataRoot, 'snapshots'));
    this.images = new FileImageStore(opts.dataRoot);
    this.credentials = new CredentialStore(join(opts.dataRoot, 'auth.json'));
    this.services = {
      content: this.content,
      snapshots: this.snapshots,
      images: this.images,
      registry: (h) => this.registry(h),
      events: this.events,
    };
  }

  /** Creates the data root if needed and cleans snapshot leftovers of a crash. */
  static async open(opts: ImageEngineOptions): Promise<ImageEngine> {
    await mkdir(opts.dataRoot, { recursive: true, mode: 0o700 });
    const engine = new ImageEngine(opts);
    await engine.snapshots.init();
    await rm(engine.tmpRoot, { recursive: true, force: true }); // what a crashed load spooled
    return engine;
  }

  /** Where loads spool the files of an archive that are not blobs. */
  private get tmpRoot(): string {
    return join(this.opts.dataRoot, 'tmp');
  }

  /** The registry client for a host (one per host, keeping its token cache). */
  registry(host: string): RegistryClient {
    let c = this.clients.get(host);
    if (!c) {
      c = this.newClient(host, () => this.credentials.get(host));
      this.clients.set(host, c);
    }
    return c;
  }

  private newClient(host: string, credentials: () => Promise<Credentials | undefined>) {
    return new RegistryClient(host, {
      credentials,
      insecureRegistries: this.opts.insecureRegistries,
      retries: this.opts.registryRetries,
      fetch: this.opts.fetch,
    });
  }

  /** The stored credentials' client for `host`, or a one-off client with the given ones. */
  private clientFor(host: string, creds: Credentials | undefined): RegistryClient {
    return creds ? this.newClient(host, async () => creds) : this.registry(host);
  }

  async pull(
    ref: string,
    opts: TransferOptions & { platform?: PlatformOption } = {},
  ): Promise<ImageSummary> {
    const platform =
      typeof opts.platform === 'string' ? parsePlatform(opts.platform) : opts.platform;
    const host = parseReference(ref).registry;
    const client = this.clientFor(host, opts.credentials);
    const services: ImageServices = {
      ...this.services,
      registry: (h) => (h === host ? client : this.registry(h)),
    };
    return this.gcLock.shared(async () =>
      summarize(await pullImage(services, ref, { platform, onProgress: opts.onProgress })),
    );
  }

  async list(filter: { dangling?: boolean } = {}): Promise<ImageSummary[]> {
    const all = (await this.images.list()).map(summarize);
    return filter.dangling === undefined ? all : all.filter((i) => i.dangling === filter.dangling);
  }

  /** Resolves a name, name@digest, full or short ID to a record. */
  resolve(nameOrId: string): Promise<ImageRecord> {
    return this.images.resolve(nameOrId);
  }

  async inspect(nameOrId: string): Promise<ImageInspect> {
    const r = await this.images.resolve(nameOrId);
    return inspectView(r, parseImageConfig(await this.content.readBuffer(r.id)));
  }

  /** `tag SOURCE TARGET`: TARGET is normalized (`busybox` → `docker.io/library/busybox:latest`). */
  async tag(source: string, target: string): Promise<ImageSummary> {
    const r = await this.images.resolve(source);
    const ref = parseReference(target);
    if (ref.digest) throw invalidArgument('a tag cannot contain a digest');
    const t = tagName(ref);
    const out = await this.images.tag(r.id, t);
    this.events.emit('image.tagged', { id: r.id, tag: t });
    return summarize(out);
  }

  /** Removes a tag, or a repo digest (`name@sha256:…`), from the image that holds it. */
  async untag(ref: string): Promise<ImageSummary> {
    const parsed = parseReference(ref);
    const t = parsed.digest ? `${repositoryName(parsed)}@${parsed.digest}` : tagName(parsed);
    const r = await this.images.untag(t);
    this.events.emit('image.untagged', { id: r.id, tag: t });
    return summarize(r);
  }

  /**
   * `rmi`: by tag with other tags left → untag only. Otherwise deletes the image and collects its
   * unshared blobs and snapshots. Refused (FAILED_PRECONDITION) when a container uses it or, by
   * ID, when it has several tags — unless `force` (an in-use image is then only untagged).
   */
  async remove(nameOrId: string, opts: { force?: boolean } = {}): Promise<RemoveResult> {
    const r = await this.images.resolve(nameOrId);
    const byTag = r.repoTags.find((t) => isTagRef(nameOrId) && t === safeTagName(nameOrId));
    if (byTag && r.repoTags.length > 1) {
      await this.untag(byTag);
      return { untagged: [byTag], deleted: [] };
    }
    if (!byTag && r.repoTags.length > 1 && !opts.force) {
      throw failedPrecondition(
        `image ${r.id} is referenced by ${r.repoTags.length} tags (${r.repoTags.join(', ')}); remove by tag or force`,
      );
    }
    const inUse = (await this.opts.isImageInUse?.(r.id)) ?? false;
    if (inUse && !opts.force) {
      const users = (await this.opts.imageUsers?.(r.id)) ?? [];
      const who =
        users.length === 0
          ? 'a container'
          : `container ${users.slice(0, 3).join(', ')}${users.length > 3 ? ` and ${users.length - 3} more` : ''}`;
      throw failedPrecondition(
        `image ${nameOrId} is in use by ${who}: remove ${users.length === 1 ? 'it' : 'them'} first, or force`,
      );
    }
    const untagged = [...r.repoTags];
    for (const t of untagged) await this.untag(t);
    if (inUse) return { untagged, deleted: [] };
    await this.images.remove(r.id);
    this.events.emit('image.deleted', { id: r.id });
    await this.gc();
    return { untagged, deleted: [r.id] };
  }

  /** Removes dangling (untagged) images no container uses, then collects garbage. */
  async prune(): Promise<{ deleted: Digest[]; gc: GcResult }> {
    const deleted: Digest[] = [];
    for (const r of await this.images.list()) {
      if (r.repoTags.length > 0 || ((await this.opts.isImageInUse?.(r.id)) ?? false)) continue;
      await this.images.remove(r.id);
      this.events.emit('image.deleted', { id: r.id });
      deleted.push(r.id);
    }
    return { deleted, gc: await this.gc() };
  }

  /** Removes what no image references; waits for running pulls, pushes, loads and saves. */
  gc(): Promise<GcResult> {
    return this.gcLock.exclusive(async () =>
      collectGarbage(this.content, this.snapshots, await this.images.list()),
    );
  }

  async layers(): Promise<LayersReport> {
    return layersReport(await this.images.list(), await this.snapshots.list());
  }

  async df(): Promise<DiskUsage> {
    const images = await this.images.list();
    const report = layersReport(images, await this.snapshots.list());
    const blobs = await this.content.list();
    return {
      images: images.length,
      danglingImages: images.filter((i) => i.repoTags.length === 0).length,
      contentBytes: blobs.reduce((n, b) => n + b.size, 0),
      snapshotBytes: report.totalSize,
      sharedSavings: report.sharedSavings,
    };
  }

  /** Pushes a local image to the registry its (normalized) reference names. */
  async push(ref: string, opts: TransferOptions = {}): Promise<{ ref: string; digest: Digest }> {
    const target = parseReference(ref);
    if (target.digest) throw invalidArgument('push takes a tag, not a digest');
    const r = await this.images.resolve(ref);
    const client = this.clientFor(target.registry, opts.credentials);
    const sameRegistry = [...r.repoTags, ...r.repoDigests]
      .map((n) => parseReference(n))
      .filter((x) => x.registry === target.registry && x.repository !== target.repository)
      .map((x) => x.repository);
    const digest = await this.gcLock.shared(() =>
      pushTree(
        client,
        target.repository,
        target.tag ?? 'latest',
        { mediaType: r.manifestMediaType, digest: r.manifestDigest, size: r.manifestSize },
        fileBlobs(
          (d) => this.content.blobPath(d),
          (d) => this.content.readBuffer(d),
        ),
        { onProgress: opts.onProgress, mountFrom: [...new Set(sameRegistry)] },
      ),
    );
    const full = `${repositoryName(target)}@${digest}`;
    if (!r.repoDigests.includes(full))
      await this.images.put({ ...r, repoTags: [], repoDigests: [...r.repoDigests, full] });
    this.events.emit('image.pushed', { ref: formatReference(target), digest });
    return { ref: formatReference(target), digest };
  }

  /** Verifies the credentials against the registry, then stores them (0600). */
  async login(host: string, creds: Credentials): Promise<void> {
    await this.verifyLogin(host, creds);
    await this.credentials.set(host, creds);
    this.clients.delete(host);
  }

  /** Checks credentials against the registry without storing them (Docker's `POST /auth`). */
  async verifyLogin(host: string, creds: Credentials): Promise<void> {
    try {
      await this.newClient(host, async () => creds).ping();
    } catch (err) {
      throw RuntimeError.wrap(err, `login to ${host}`);
    }
  }

  async logout(host: string): Promise<boolean> {
    this.clients.delete(host);
    return this.credentials.remove(host);
  }

  /** Writes the images as an archive (OCI image layout + Docker's manifest.json) at `outPath`. */
  async save(refs: readonly string[], outPath: string): Promise<void> {
    const items = await this.saveItems(refs);
    try {
      await this.saveTo(items, createWriteStream(outPath, { mode: 0o600 }));
    } catch (err) {
      await rm(outPath, { force: true });
      throw err;
    }
  }

  /**
   * Writes the images as an archive to `sink` (an HTTP response for Docker's `/images/get`).
   * Resolve names first with `saveItems`, so a bad name is an error before anything is written.
   */
  saveTo(items: Awaited<ReturnType<ImageEngine['saveItems']>>, sink: Writable): Promise<void> {
    return this.gcLock.shared(() => saveArchive(this.services, items, sink));
  }

  /** The images `refs` name, each with the names it is saved under (a tag → that tag; an ID → all). */
  async saveItems(
    refs: readonly string[],
  ): Promise<Array<{ record: ImageRecord; names: readonly string[] }>> {
    if (refs.length === 0) throw invalidArgument('save needs at least one image');
    const items: Array<{ record: ImageRecord; names: readonly string[] }> = [];
    for (const ref of refs) {
      const record = await this.images.resolve(ref);
      const names = isTagRef(ref) ? [safeTagName(ref)!] : record.repoTags;
      items.push({ record, names });
    }
    return items;
  }

  async load(inPath: string, opts: { platform?: PlatformOption } = {}): Promise<ImageSummary[]> {
    // opened first: a missing file is this call's error, not a stream's unhandled one
    const file = await open(inPath, 'r');
    const loaded = await this.loadArchive(file.createReadStream(), opts);
    return loaded.map((l) => summarize(l.record));
  }

  /**
   * Loads an image archive (OCI layout or `docker save` output) from a stream. A failed load
   * leaves nothing behind: what it stored is collected.
   */
  async loadArchive(
    source: Readable,
    opts: { platform?: PlatformOption; onProgress?: (p: LayerProgress) => void } = {},
  ): Promise<LoadedImage[]> {
    const platform =
      typeof opts.platform === 'string' ? parsePlatform(opts.platform) : opts.platform;
    try {
      return await this.gcLock.shared(() =>
        loadArchive(this.services, source, {
          platform,
          tmpRoot: this.tmpRoot,
          onProgress: opts.onProgress,
        }),
      );
    } catch (err) {
      await this.gc().catch(() => undefined);
      throw err;
    }
  }

  /** Overlay mount data for an image's rootfs (lowerdirs top-first), with a container's writable layer. */
  async rootfsMounts(nameOrId: string, rw?: WritableLayer): Promise<Mount[]> {
    const r = await this.images.resolve(nameOrId);
    if (!r.chainId) throw failedPrecondition(`image ${r.id} has no layers`);
    return this.snapshots.mounts(r.chainId, rw);
  }
}

function safeTagName(s: string): string | undefined {
  try {
    const ref = parseReference(s);
    return ref.digest ? undefined : tagName(ref);
  } catch {
    return undefined;
  }
}

/** Whether the user named the image by a tag (not by ID or digest). */
function isTagRef(s: string): boolean {
  if (/^(sha256:)?[a-f0-9]{4,64}$/.test(s)) return false;
  return safeTagName(s) !== undefined;
}
