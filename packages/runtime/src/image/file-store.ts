import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Digest } from '../digest/digest.js';
import { RuntimeError, notFound, invalidArgument } from '../errors.js';
import { writeFileAtomic } from '../content/atomic-file.js';
import { Mutex } from '../snapshot/mutex.js';
import { parseReference, tagName, repositoryName } from '../reference/reference.js';
import { imageRecordsFileSchema, type ImageRecord } from './records.js';
import type { ImageStore } from './image-store.js';

/**
 * Image records under `<data-root>/images.json` (atomic rename). A tag names at most one image:
 * storing or tagging moves it, leaving the previous holder dangling if that was its last tag.
 */
export class FileImageStore implements ImageStore {
  private images = new Map<Digest, ImageRecord>();
  private loaded = false;
  private readonly lock = new Mutex();

  constructor(readonly dataRoot: string) {}

  private get path() {
    return join(this.dataRoot, 'images.json');
  }

  private async load(): Promise<void> {
    if (this.loaded) return;
    try {
      const parsed = imageRecordsFileSchema.safeParse(
        JSON.parse(await readFile(this.path, 'utf8')),
      );
      if (!parsed.success)
        throw new RuntimeError('INTERNAL', `image records ${this.path} are corrupt`);
      this.images = new Map(parsed.data.images.map((r) => [r.id, r]));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    this.loaded = true;
  }

  private async save(): Promise<void> {
    await writeFileAtomic(
      this.path,
      JSON.stringify({ version: 1, images: [...this.images.values()] }),
    );
  }

  private mutate<T>(fn: () => T | Promise<T>): Promise<T> {
    return this.lock.run(async () => {
      await this.load();
      const r = await fn();
      await this.save();
      return r;
    });
  }

  async list(): Promise<ImageRecord[]> {
    await this.lock.run(() => this.load());
    return [...this.images.values()];
  }

  /**
   * Finds an image by ID (full, `sha256:`-less, or a unique prefix of ≥4 hex), by name[:tag]
   * or by name@digest (a repo digest or the manifest digest).
   */
  async resolve(nameOrId: string): Promise<ImageRecord> {
    const all = await this.list();
    const hex = nameOrId.replace(/^sha256:/, '');
    if (/^[a-f0-9]{4,64}$/.test(hex)) {
      const hits = all.filter((r) => r.id.slice(7).startsWith(hex));
      if (hits.length === 1) return hits[0]!;
      if (hits.length > 1) throw invalidArgument(`image ID prefix "${nameOrId}" is ambiguous`);
    }
    let ref;
    try {
      ref = parseReference(nameOrId);
    } catch {
      throw notFound(`image "${nameOrId}" not found`);
    }
    if (ref.digest) {
      const full = `${repositoryName(ref)}@${ref.digest}`;
      const hit = all.find((r) => r.repoDigests.includes(full));
      if (hit) return hit;
    } else {
      const hit = all.find((r) => r.repoTags.includes(tagName(ref)));
      if (hit) return hit;
    }
    throw notFound(`image "${nameOrId}" not found`);
  }

  async get(id: Digest): Promise<ImageRecord | undefined> {
    await this.lock.run(() => this.load());
    return this.images.get(id);
  }

  /** Stores a record, merging tags/digests with an existing record of the same ID. */
  put(record: ImageRecord): Promise<ImageRecord> {
    return this.mutate(() => {
      const prev = this.images.get(record.id);
      const merged: ImageRecord = prev
        ? {
            ...record,
            repoTags: union(prev.repoTags, record.repoTags),
            repoDigests: union(prev.repoDigests, record.repoDigests),
          }
        : record;
      for (const t of record.repoTags) this.detachTag(t, record.id);
      this.images.set(record.id, merged);
      return merged;
    });
  }

  private detachTag(tag: string, keep: Digest): void {
    for (const r of this.images.values()) {
      if (r.id !== keep && r.repoTags.includes(tag))
        this.images.set(r.id, { ...r, repoTags: r.repoTags.filter((t) => t !== tag) });
    }
  }

  /** Adds a tag (normalized `registry/repo:tag`) to an image. */
  tag(id: Digest, tag: string): Promise<ImageRecord> {
    return this.mutate(() => {
      const r = this.images.get(id);
      if (!r) throw notFound(`image ${id} not found`);
      this.detachTag(tag, id);
      const next = { ...r, repoTags: union(r.repoTags, [tag]) };
      this.images.set(id, next);
      return next;
    });
  }

  /** Removes a tag, or a repo digest (`name@sha256:…`); returns the image that held it. */
  untag(tag: string): Promise<ImageRecord> {
    return this.mutate(() => {
      for (const r of this.images.values()) {
        if (r.repoTags.includes(tag) || r.repoDigests.includes(tag)) {
          const next = {
            ...r,
            repoTags: r.repoTags.filter((t) => t !== tag),
            repoDigests: r.repoDigests.filter((t) => t !== tag),
          };
          this.images.set(r.id, next);
          return next;
        }
      }
      throw notFound(`tag "${tag}" not found`);
    });
  }

  remove(id: Digest): Promise<void> {
    return this.mutate(() => {
      if (!this.images.delete(id)) throw notFound(`image ${id} not found`);
    });
  }
}

function union(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])];
}
