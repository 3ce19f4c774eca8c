import { randomBytes } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import * as z from 'zod';
import { isDigest, type Digest } from '../digest/digest.js';
import { RuntimeError, failedPrecondition, notFound } from '../errors.js';
import { fsyncDir, writeFileAtomic } from '../content/atomic-file.js';
import { Mutex } from './mutex.js';
import { markTopDir } from './topdir.js';
import { overlayMounts, type Mount, type WritableLayer } from './mounts.js';
import type { LayerApplier, SnapshotInfo, Snapshotter } from './snapshotter.js';
import { isoTime } from '@berth/log';

const digest = z.string().refine(isDigest) as unknown as z.ZodType<Digest>;
const infoSchema: z.ZodType<SnapshotInfo, unknown> = z.object({
  id: z.number().int().positive(),
  chainId: digest,
  parent: digest.optional(),
  diffId: digest,
  size: z.number().int().nonnegative(),
  createdAt: z.string(),
  users: z.array(z.string()).default([]),
});
const metaSchema = z.object({
  nextId: z.number().int().positive(),
  snapshots: z.record(z.string(), infoSchema),
});

/**
 * The overlay snapshotter: one committed snapshot per chain ID at `<root>/<n>/fs` (short numbers
 * keep overlay's option string small), shared by every image with that chain. Layers are applied
 * into `<root>/.tmp-*` and committed by rename; metadata is an atomic-rename JSON file.
 */
export class OverlaySnapshotter implements Snapshotter {
  private meta: z.infer<typeof metaSchema> = { nextId: 1, snapshots: {} };
  private readonly lock = new Mutex();
  private readonly preparing = new Map<Digest, Promise<{ info: SnapshotInfo; created: boolean }>>();
  private loaded = false;

  constructor(readonly root: string) {}

  private get metaPath() {
    return join(this.root, 'metadata.json');
  }

  /**
   * Loads metadata and removes what a crash left behind (temp dirs, uncommitted numbered dirs).
   * Runs once per instance; later calls are no-ops (so it never races a running prepare).
   */
  init(): Promise<void> {
    return this.lock.run(async () => (this.loaded ? undefined : this.load()));
  }

  private async load(): Promise<void> {
    await mkdir(this.root, { recursive: true });
    await markTopDir(this.root);
    try {
      const r = metaSchema.safeParse(JSON.parse(await readFile(this.metaPath, 'utf8')));
      if (!r.success)
        throw new RuntimeError('INTERNAL', `snapshot metadata ${this.metaPath} is corrupt`);
      this.meta = r.data;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    const known = new Set(Object.values(this.meta.snapshots).map((s) => String(s.id)));
    for (const name of await readdir(this.root)) {
      if (name.startsWith('.tmp-') || (/^\d+$/.test(name) && !known.has(name))) {
        await rm(join(this.root, name), { recursive: true, force: true });
        if (/^\d+$/.test(name)) this.meta.nextId = Math.max(this.meta.nextId, Number(name) + 1);
      }
    }
    this.loaded = true;
  }

  private async ready(): Promise<void> {
    if (!this.loaded) await this.init();
  }

  async get(chainId: Digest): Promise<SnapshotInfo | undefined> {
    await this.ready();
    return this.meta.snapshots[chainId];
  }

  async list(): Promise<SnapshotInfo[]> {
    await this.ready();
    return Object.values(this.meta.snapshots).sort((a, b) => a.id - b.id);
  }

  fsPath(info: Pick<SnapshotInfo, 'id'>): string {
    return join(this.root, String(info.id), 'fs');
  }

  /**
   * Ensures the snapshot for `chainId` exists: returns it if committed, else applies the layer
   * into a temp dir and commits it. Concurrent calls for one chain share the work. The parent
   * must be committed or being prepared; the apply runs at once, the commit waits for the
   * parent's. A failed apply (or parent) leaves nothing behind.
   */
  prepare(
    chainId: Digest,
    parent: Digest | undefined,
    diffId: Digest,
    apply: LayerApplier,
  ): Promise<{ info: SnapshotInfo; created: boolean }> {
    const running = this.preparing.get(chainId);
    if (running) return running;
    const p = this.doPrepare(chainId, parent, diffId, apply).finally(() =>
      this.preparing.delete(chainId),
    );
    this.preparing.set(chainId, p);
    return p;
  }

  private async doPrepare(
    chainId: Digest,
    parent: Digest | undefined,
    diffId: Digest,
    apply: LayerApplier,
  ) {
    await this.ready();
    const existing = this.meta.snapshots[chainId];
    if (existing) return { info: existing, created: false };
    if (parent && !this.meta.snapshots[parent] && !this.preparing.has(parent))
      throw failedPrecondition(`parent snapshot ${parent} does not exist`);
    const tmp = join(this.root, `.tmp-${randomBytes(8).toString('hex')}`);
    try {
      await mkdir(join(tmp, 'fs'), { recursive: true, mode: 0o755 });
      const { size } = await apply(join(tmp, 'fs'));
      if (parent) await this.committedParent(parent);
      return await this.lock.run(async () => {
        const id = this.meta.nextId++;
        await rename(tmp, join(this.root, String(id)));
        await fsyncDir(this.root);
        const info: SnapshotInfo = {
          id,
          chainId,
          parent,
          diffId,
          size,
          createdAt: isoTime(),
          users: [],
        };
        this.meta.snapshots[chainId] = info;
        await this.save();
        return { info, created: true };
      });
    } catch (err) {
      await rm(tmp, { recursive: true, force: true });
      throw err;
    }
  }

  /**
   * Waits for a parent that is still being prepared: a layer is applied into its own directory
   * without its parent, so layers of one chain can be applied at once, but a snapshot is only
   * committed after its parent (a crash never leaves a child without its parent).
   */
  private async committedParent(parent: Digest): Promise<void> {
    if (this.meta.snapshots[parent]) return;
    try {
      await this.preparing.get(parent);
    } catch (err) {
      throw new RuntimeError('FAILED_PRECONDITION', `parent snapshot ${parent} failed`, {
        cause: err,
      });
    }
    if (!this.meta.snapshots[parent])
      throw failedPrecondition(`parent snapshot ${parent} does not exist`);
  }

  private async save(): Promise<void> {
    await writeFileAtomic(this.metaPath, JSON.stringify(this.meta));
  }

  private require(chainId: Digest): SnapshotInfo {
    const info = this.meta.snapshots[chainId];
    if (!info) throw notFound(`snapshot ${chainId} not found`);
    return info;
  }

  /** Layer directories of the stack ending at `chainId`, top-first. */
  async lowerDirs(chainId: Digest): Promise<string[]> {
    await this.ready();
    const dirs: string[] = [];
    for (let c: Digest | undefined = chainId; c; c = this.require(c).parent)
      dirs.push(this.fsPath(this.require(c)));
    return dirs;
  }

  /** Mount data for the stack (optionally with a container's writable layer). Pure beyond the lookup. */
  async mounts(chainId: Digest, rw?: WritableLayer): Promise<Mount[]> {
    return overlayMounts(await this.lowerDirs(chainId), rw);
  }

  /** Records a user (e.g. a container id) of a snapshot; a used snapshot is never removed. */
  async addUser(chainId: Digest, user: string): Promise<void> {
    await this.ready();
    await this.lock.run(async () => {
      const info = this.require(chainId);
      if (!info.users.includes(user)) info.users.push(user);
      await this.save();
    });
  }

  async removeUser(chainId: Digest, user: string): Promise<void> {
    await this.ready();
    await this.lock.run(async () => {
      const info = this.meta.snapshots[chainId];
      if (!info) return;
      info.users = info.users.filter((u) => u !== user);
      await this.save();
    });
  }

  /** Removes a snapshot that has no users and no children. */
  async remove(chainId: Digest): Promise<void> {
    await this.ready();
    await this.lock.run(async () => {
      const info = this.require(chainId);
      if (info.users.length > 0)
        throw failedPrecondition(`snapshot ${chainId} is in use by ${info.users.join(', ')}`);
      if (Object.values(this.meta.snapshots).some((s) => s.parent === chainId))
        throw failedPrecondition(`snapshot ${chainId} has children`);
      delete this.meta.snapshots[chainId];
      await this.save();
      await rm(join(this.root, String(info.id)), { recursive: true, force: true });
    });
  }
}
