import { chmod, lchown, link, lutimes, mkdir, rm, symlink, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type tar from 'tar-stream';
import { RuntimeError } from '../errors.js';
import { EntryPool } from './entry-pool.js';
import {
  closeFd,
  createExclusive,
  finishFile,
  setXattrAt,
  writeChunks,
  writeChunksSync,
  type NodeMeta,
} from './file-ops.js';
import { lstatOrUndefined, mknod, rejectEntry, resolveDir } from './fs-ops.js';
import { binaryPath, fsPath } from './names.js';
import {
  entryComponents,
  paxOverrides,
  paxXattrs,
  whiteoutKind,
  type WhiteoutKind,
} from './paths.js';
import { VerifiedDirs } from './verified-dirs.js';

export type EntryHeader = Omit<tar.Header, 'pax' | 'type'> & {
  type: tar.Header['type'] | undefined;
  pax?: Record<string, string> | null;
};
export type EntryData = AsyncIterable<Buffer>;

/** Regular files up to this size are buffered and written in the background. */
const SMALL_FILE = 1024 * 1024;
/** Entries written at once (file creation is kernel-bound; this keeps both cores busy). */
const CONCURRENCY = 4;
/** Large files are written in batches of at least this many bytes. */
const WRITE_BATCH = 512 * 1024;

/**
 * Writes one layer's entries into `root`, in overlay form. Parent directories are resolved
 * component by component with lstat (nothing followed) and remembered in `VerifiedDirs` until
 * the layer removes or replaces them. Regular files and symlinks whose path (and ancestors) no
 * other running entry touches are written concurrently through an `EntryPool`; every other entry
 * waits until the pool is empty, so tar order is kept wherever it matters.
 */
export class LayerWriter {
  private readonly dirs = new VerifiedDirs();
  private readonly pool = new EntryPool(CONCURRENCY);
  /** Directories whose times are set last: [path relative to root, mtime]. */
  private readonly dirTimes: Array<[string, Date]> = [];
  fileBytes = 0;

  /** The root as a binary string, like every entry path (see names.ts). */
  private readonly root: string;

  constructor(
    root: string,
    private readonly maxBytes: number,
  ) {
    this.root = binaryPath(root);
  }

  async write(h: EntryHeader, data: EntryData): Promise<void> {
    const name = h.name;
    try {
      this.pool.check();
      const comps = entryComponents(name);
      if (comps.length === 0) return void (await drain(data)); // the root itself
      const rel = comps.join('/');
      const base = comps[comps.length - 1]!;
      const type = h.type ?? 'file';
      const wh = whiteoutKind(base);
      const independent =
        wh.kind === 'none' &&
        !this.pool.busy(rel) &&
        (type === 'directory' ||
          (isPoolable(type) && !this.dirs.has(rel))); /* replacing a directory: in order */
      if (!independent) await this.pool.drain();
      const parent = await resolveDir(this.root, comps.slice(0, -1), name, true, this.dirs);
      if (wh.kind !== 'none') return await this.whiteout(wh, parent, rel, data);
      const target = join(parent, base);
      const meta = nodeMeta(h);
      const run = (op: () => Promise<void>) =>
        independent ? this.pool.add(rel, () => guard(name, op)) : op();
      switch (type) {
        case 'file':
        case 'contiguous-file':
          return await this.file(h.size ?? 0, target, rel, name, meta, data, run);
        case 'symlink': {
          await drain(data);
          const linkname = h.linkname;
          if (!linkname) throw rejectEntry(name, 'symlink without a target');
          return await run(() => this.symlink(linkname, target, rel, name, meta));
        }
        case 'directory':
          await drain(data);
          return await this.directory(target, rel, meta);
        case 'link':
          await drain(data);
          return await this.hardlink(h.linkname, target, rel, name);
        case 'character-device':
        case 'block-device':
        case 'fifo': {
          await drain(data);
          await this.replace(target, rel, name, true);
          const kind = type === 'fifo' ? 'p' : type === 'block-device' ? 'b' : 'c';
          await mknod(target, kind, h.devmajor ?? 0, h.devminor ?? 0);
          return await this.pathMeta(target, meta);
        }
        default:
          throw rejectEntry(name, `unsupported entry type "${String(type)}"`);
      }
    } catch (err) {
      await drain(data).catch(() => undefined);
      throw asEntryError(name, err);
    }
  }

  /** Waits for every background write; throws the first failure. */
  flush(): Promise<void> {
    return this.pool.drain();
  }

  /** Waits for every background write, ignoring failures (before the caller cleans up). */
  settle(): Promise<void> {
    return this.pool.settle();
  }

  /**
   * Sets directory times last (creating children changes them), deepest first. Only on paths
   * still verified as directories of this apply (a later entry may have replaced one with a
   * symlink, or replaced an ancestor), and with lutimes: nothing is followed out of the root.
   */
  async finish(): Promise<void> {
    await this.flush();
    for (const [rel, mtime] of this.dirTimes.reverse()) {
      if (this.dirs.has(rel)) await lutimes(fsPath(join(this.root, rel)), mtime, mtime);
    }
  }

  private async file(
    size: number,
    target: string,
    rel: string,
    name: string,
    meta: NodeMeta,
    data: EntryData,
    run: (op: () => Promise<void>) => Promise<void>,
  ): Promise<void> {
    if (size > this.maxBytes)
      throw rejectEntry(name, `size ${size} exceeds the layer limit of ${this.maxBytes} bytes`);
    if (size <= SMALL_FILE) {
      const chunks = await collect(data);
      return run(() =>
        this.createFile(target, rel, name, meta, size, async (fd) => writeChunksSync(fd, chunks)),
      );
    }
    await this.createFile(target, rel, name, meta, size, (fd) => streamTo(fd, data));
  }

  private async createFile(
    target: string,
    rel: string,
    name: string,
    meta: NodeMeta,
    size: number,
    fill: (fd: number) => Promise<void>,
  ): Promise<void> {
    let fd = await createExclusive(target);
    if (fd === undefined) {
      await this.replace(target, rel, name, true);
      fd = await createExclusive(target);
      if (fd === undefined) throw rejectEntry(name, 'path reappeared while replacing it');
    }
    try {
      await fill(fd);
      await finishFile(fd, meta);
    } finally {
      closeFd(fd);
    }
    this.fileBytes += size;
  }

  private async symlink(
    linkname: string,
    target: string,
    rel: string,
    name: string,
    meta: NodeMeta,
  ): Promise<void> {
    try {
      await symlink(fsPath(linkname), fsPath(target));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      await this.replace(target, rel, name, false);
      await symlink(fsPath(linkname), fsPath(target));
    }
    await lchown(fsPath(target), meta.uid, meta.gid);
    if (meta.mtime) await lutimes(fsPath(target), meta.mtime, meta.mtime);
  }

  private async directory(target: string, rel: string, meta: NodeMeta): Promise<void> {
    const existing = await lstatOrUndefined(target);
    if (!existing?.isDirectory()) {
      if (existing) await unlink(fsPath(target));
      await mkdir(fsPath(target), { mode: 0o700 });
    }
    this.dirs.add(rel);
    await this.pathMeta(target, meta, true);
    if (meta.mtime) this.dirTimes.push([rel, meta.mtime]);
  }

  /**
   * A hard link shares its source's inode and metadata; the source must be in this layer. A
   * source that is a symlink gets a hard link to the symlink itself (link(2) does not follow it,
   * as GNU tar and Docker do): the new name is one more symlink, and like any symlink it is never
   * written through by a later entry.
   */
  private async hardlink(
    linkname: string,
    target: string,
    rel: string,
    name: string,
  ): Promise<void> {
    if (!linkname) throw rejectEntry(name, 'hard link without a target');
    const comps = entryComponents(linkname);
    if (comps.length === 0) throw rejectEntry(name, 'hard link to the root');
    const dir = await resolveDir(this.root, comps.slice(0, -1), name, false, this.dirs);
    const source = join(dir, comps[comps.length - 1]!);
    const st = await lstatOrUndefined(source);
    if (!st) throw rejectEntry(name, `hard link target "${linkname}" is not in this layer`);
    if (st.isDirectory())
      throw rejectEntry(name, `refusing a hard link to directory "${linkname}"`);
    if (source === target) throw rejectEntry(name, 'hard link to itself');
    await this.replace(target, rel, name, false);
    await link(fsPath(source), fsPath(target));
  }

  private async whiteout(
    wh: Exclude<WhiteoutKind, { kind: 'none' }>,
    parent: string,
    rel: string,
    data: EntryData,
  ): Promise<void> {
    await drain(data);
    if (wh.kind === 'opaque') await setXattrAt(parent, 'trusted.overlay.opaque', 'y');
    if (wh.kind !== 'whiteout') return;
    const target = join(parent, wh.name);
    const slash = rel.lastIndexOf('/');
    await rm(fsPath(target), { recursive: true, force: true });
    this.dirs.forget(slash === -1 ? wh.name : `${rel.slice(0, slash)}/${wh.name}`);
    await mknod(target, 'c', 0, 0);
  }

  /**
   * Removes whatever is at `target` (nothing is fine). A directory goes only if `dirOk` (a link
   * may not replace one), with everything below it, and is forgotten as verified.
   */
  private async replace(target: string, rel: string, name: string, dirOk: boolean): Promise<void> {
    const existing = await lstatOrUndefined(target);
    if (!existing) return;
    if (!existing.isDirectory()) return unlink(fsPath(target));
    if (!dirOk) throw rejectEntry(name, 'refusing to replace a directory with a link');
    this.dirs.forget(rel);
    await rm(fsPath(target), { recursive: true });
  }

  /**
   * Owner, mode, xattrs by path, for nodes this apply just created (not symlinks); times too,
   * except for directories (set by `finish`).
   */
  private async pathMeta(target: string, meta: NodeMeta, isDir = false): Promise<void> {
    await lchown(fsPath(target), meta.uid, meta.gid);
    await chmod(fsPath(target), meta.mode & 0o7777); // after chown, which clears setuid/setgid
    for (const [attr, value] of meta.xattrs) await setXattrAt(target, attr, value);
    if (meta.mtime && !isDir) await lutimes(fsPath(target), meta.mtime, meta.mtime);
  }
}

function isPoolable(type: string): boolean {
  return type === 'file' || type === 'contiguous-file' || type === 'symlink';
}

/** PAX records override the header's fields (tar-stream applies only path, linkpath, size). */
function nodeMeta(h: EntryHeader): NodeMeta {
  const pax = paxOverrides(h.pax);
  return {
    uid: pax.uid ?? h.uid ?? 0,
    gid: pax.gid ?? h.gid ?? 0,
    mode: h.mode ?? 0o644,
    mtime: pax.mtime ?? h.mtime,
    xattrs: paxXattrs(h.pax),
  };
}

/** Any failure of an entry as INVALID_ARGUMENT naming it (policy) or wrapping the cause (I/O). */
function asEntryError(name: string, err: unknown): RuntimeError {
  if (err instanceof RuntimeError && err.details?.entry !== undefined) return err;
  if (err instanceof RuntimeError && err.code === 'INVALID_ARGUMENT')
    return rejectEntry(name, err.message);
  return rejectEntry(name, (err as Error).message, err);
}

async function guard(name: string, op: () => Promise<void>): Promise<void> {
  try {
    await op();
  } catch (err) {
    throw asEntryError(name, err);
  }
}

async function collect(data: EntryData): Promise<Buffer[]> {
  const chunks: Buffer[] = [];
  for await (const chunk of data) chunks.push(chunk);
  return chunks;
}

async function streamTo(fd: number, data: EntryData): Promise<void> {
  let batch: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of data) {
    batch.push(chunk);
    bytes += chunk.length;
    if (bytes < WRITE_BATCH) continue;
    await writeChunks(fd, batch);
    batch = [];
    bytes = 0;
  }
  await writeChunks(fd, batch);
}

async function drain(data: EntryData): Promise<void> {
  for await (const _ of data) {
    // discard
  }
}
