import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import tar from 'tar-stream';
import { isDigest, type Digest } from '../digest/digest.js';
import { RuntimeError, invalidArgument } from '../errors.js';
import type { ContentStore } from '../content/content.js';
import { archivePath, followLinks, symlinkTarget } from './archive-paths.js';

/** A file of the archive: a blob stored in the content store, or a file spooled to a temp file. */
export type ArchiveFile =
  | { kind: 'blob'; digest: Digest; size: number }
  | { kind: 'spooled'; path: string; digest: Digest; size: number };

/** JSON documents of an archive (manifest.json, index.json, configs) stay below this. */
const MAX_JSON_BYTES = 16 << 20;
const BLOB_NAME = /^blobs\/sha256\/([a-f0-9]{64})$/;

/**
 * What an image archive holds once read: `blobs/sha256/<hex>` files went straight into the
 * content store (verified against their name), every other file was spooled to a private temp
 * directory under a counter name (never under the archive's own name), links were recorded as
 * archive paths. Call `dispose()` when done.
 */
export class ArchiveContents {
  readonly #files = new Map<string, ArchiveFile>();
  readonly #links = new Map<string, string>();

  constructor(readonly tmpDir: string) {}

  addFile(name: string, file: ArchiveFile): void {
    this.#links.delete(name);
    this.#files.set(name, file);
  }

  addLink(name: string, target: string): void {
    this.#files.delete(name);
    this.#links.set(name, target);
  }

  /** The file an archive path names, following links inside the archive. */
  lookup(name: string): ArchiveFile | undefined {
    return this.#files.get(followLinks(archivePath(name), this.#links));
  }

  has(name: string): boolean {
    return this.lookup(name) !== undefined;
  }

  /** A JSON document of the archive (`what` names it in errors). */
  async readJson(name: string, content: Pick<ContentStore, 'readBuffer'>): Promise<unknown> {
    const f = this.lookup(name);
    if (!f) throw invalidArgument(`archive lacks ${name}`);
    if (f.size > MAX_JSON_BYTES) throw invalidArgument(`archive's ${name} is too large`);
    const data = f.kind === 'blob' ? await content.readBuffer(f.digest) : await readFile(f.path);
    try {
      return JSON.parse(data.toString('utf8'));
    } catch {
      throw invalidArgument(`archive's ${name} is not valid JSON`);
    }
  }

  async dispose(): Promise<void> {
    await rm(this.tmpDir, { recursive: true, force: true });
  }
}

/**
 * Reads an image archive (tar) from `source` (destroyed on failure, as `pipeline` does). Refuses
 * names and links that leave the archive and entry types no image archive has (devices, FIFOs).
 * On failure nothing is left in `tmpRoot`.
 */
export async function readArchive(
  source: Readable,
  content: ContentStore,
  tmpRoot: string,
): Promise<ArchiveContents> {
  await mkdir(tmpRoot, { recursive: true, mode: 0o700 });
  const out = new ArchiveContents(await mkdtemp(join(tmpRoot, 'load-')));
  const extract = tar.extract();
  let spooled = 0;
  const consume = async () => {
    for await (const e of extract) {
      const h = e.header;
      const entry = e as unknown as Readable;
      const name = archivePath(h.name);
      if (h.type === 'directory') {
        entry.resume();
        continue;
      }
      if (h.type === 'symlink') {
        out.addLink(name, symlinkTarget(name, h.linkname ?? ''));
        entry.resume();
      } else if (h.type === 'link') {
        out.addLink(name, archivePath(h.linkname ?? ''));
        entry.resume();
      } else if (h.type === 'file' || h.type === 'contiguous-file') {
        out.addFile(
          name,
          await storeEntry(entry, name, h.size ?? 0, content, out.tmpDir, spooled++),
        );
      } else {
        throw invalidArgument(`archive entry "${name}" is a ${h.type}; image archives hold files`);
      }
      await drain(entry);
    }
  };
  try {
    await Promise.all([pipeline(source, extract), consume()]);
  } catch (err) {
    extract.destroy();
    await out.dispose();
    throw asArchiveError(err);
  }
  return out;
}

/** A tar the parser cannot read is the caller's bad input; I/O failures stay what they are. */
function asArchiveError(err: unknown): unknown {
  if (err instanceof RuntimeError) return err;
  if (err instanceof Error && typeof (err as NodeJS.ErrnoException).errno === 'number') return err;
  const why = err instanceof Error ? err.message : String(err);
  return invalidArgument(`archive is not a readable tar: ${why}`);
}

async function storeEntry(
  entry: Readable,
  name: string,
  size: number,
  content: ContentStore,
  tmpDir: string,
  n: number,
): Promise<ArchiveFile> {
  const m = BLOB_NAME.exec(name);
  if (m) {
    const digest = `sha256:${m[1]}`;
    if (!isDigest(digest)) throw invalidArgument(`bad blob name ${name}`);
    await content.write(digest, size, async () => ({ stream: entry, offset: 0 }));
    return { kind: 'blob', digest, size };
  }
  const path = join(tmpDir, String(n));
  const hash = createHash('sha256');
  let bytes = 0;
  const hasher = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      hash.update(chunk);
      bytes += chunk.length;
      cb(null, chunk);
    },
  });
  await pipeline(entry, hasher, createWriteStream(path, { mode: 0o600, flags: 'wx' }));
  return { kind: 'spooled', path, digest: `sha256:${hash.digest('hex')}`, size: bytes };
}

/** Reads what is left of an entry (a blob already in the store is not read by the write). */
async function drain(entry: Readable): Promise<void> {
  if (entry.readableEnded) return;
  for await (const _ of entry) {
    // discard
  }
}

/** A spooled file's bytes, for writing into the content store. */
export function openSpooled(f: Extract<ArchiveFile, { kind: 'spooled' }>): Readable {
  return createReadStream(f.path);
}
