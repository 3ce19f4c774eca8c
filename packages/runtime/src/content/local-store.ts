import { createReadStream } from 'node:fs';
import { mkdir, open, readFile, readdir, rename, rm, stat } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DigestVerifier, digestHex, isDigest, sha256, type Digest } from '../digest/digest.js';
import { RuntimeError, notFound } from '../errors.js';
import { fsyncDir, writeFileAtomic } from './atomic-file.js';
import { BatchedFileWriter } from './batched-file.js';
import type {
  BlobFiles,
  BlobInfo,
  BlobSource,
  ContentStore,
  WriteOptions,
  WriteResult,
} from './content.js';

/**
 * Content-addressed blob store (containerd's local store): `blobs/sha256/<hex>` for committed
 * blobs, `ingest/<hex>/data` for partial writes. A commit verifies size and digest, fsyncs,
 * renames into place and fsyncs the directory, so a crash leaves either nothing or a whole blob.
 */
export class LocalContentStore implements ContentStore, BlobFiles {
  private readonly active = new Map<Digest, Promise<WriteResult>>();
  constructor(readonly root: string) {}

  blobPath(digest: Digest): string {
    return join(this.root, 'blobs', 'sha256', digestHex(digest));
  }
  private ingestDir(digest: Digest): string {
    return join(this.root, 'ingest', digestHex(digest));
  }

  async info(digest: Digest): Promise<BlobInfo | undefined> {
    try {
      const st = await stat(this.blobPath(digest));
      return { digest, size: st.size };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }

  async has(digest: Digest): Promise<boolean> {
    return (await this.info(digest)) !== undefined;
  }

  async readBuffer(digest: Digest): Promise<Buffer> {
    try {
      return await readFile(this.blobPath(digest));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT')
        throw notFound(`blob ${digest} not found`);
      throw err;
    }
  }

  async readStream(digest: Digest): Promise<Readable> {
    if (!(await this.has(digest))) throw notFound(`blob ${digest} not found`);
    return createReadStream(this.blobPath(digest));
  }

  /** Lists committed blobs. */
  async list(): Promise<BlobInfo[]> {
    const dir = join(this.root, 'blobs', 'sha256');
    const names = await readdir(dir).catch(() => [] as string[]);
    const out: BlobInfo[] = [];
    for (const name of names) {
      const d = `sha256:${name}`;
      if (!isDigest(d)) continue;
      const info = await this.info(d);
      if (info) out.push(info);
    }
    return out;
  }

  async delete(digest: Digest): Promise<void> {
    await rm(this.blobPath(digest), { force: true });
  }

  /** Stores a buffer whose digest is computed (or checked against `expected`). */
  async writeBuffer(data: Buffer, expected?: Digest): Promise<WriteResult> {
    const digest = expected ?? sha256(data);
    return this.write(digest, data.length, async () => ({
      stream: Readable.from([data]),
      offset: 0,
    }));
  }

  /**
   * Writes a blob from `source`, verified against `digest` (and `size` when known). A blob already
   * present is never fetched again; concurrent writes of the same digest share one download;
   * a partial ingest left by a crash is resumed (the source is asked for the remaining range).
   */
  write(
    digest: Digest,
    size: number | undefined,
    source: BlobSource,
    opts: WriteOptions = {},
  ): Promise<WriteResult> {
    const running = this.active.get(digest);
    if (running) return running;
    const p = this.doWrite(digest, size, source, opts).finally(() => this.active.delete(digest));
    this.active.set(digest, p);
    return p;
  }

  private async doWrite(
    digest: Digest,
    size: number | undefined,
    source: BlobSource,
    opts: WriteOptions,
  ): Promise<WriteResult> {
    const existing = await this.info(digest);
    if (existing) {
      if (size !== undefined && existing.size !== size) {
        throw new RuntimeError(
          'FAILED_PRECONDITION',
          `stored blob ${digest} has size ${existing.size}, expected ${size}`,
        );
      }
      await rm(this.ingestDir(digest), { recursive: true, force: true }); // a crash after commit, before cleanup
      return { ...existing, existed: true };
    }
    const dir = this.ingestDir(digest);
    const data = join(dir, 'data');
    await mkdir(dir, { recursive: true });
    try {
      const { hash, bytes } = await hashPartial(data, size);
      // A complete leftover needs no fetch: it is only verified and committed.
      const { stream, offset } =
        size !== undefined && bytes === size
          ? { stream: Readable.from([]), offset: bytes }
          : await source(bytes);
      const verifier = new DigestVerifier(
        digest,
        size,
        offset === bytes ? { hash, bytes } : undefined,
      );
      if (opts.onProgress) {
        const report = opts.onProgress;
        verifier.on('data', () => report(verifier.bytes));
      }
      const onIngest = opts.onIngest;
      const out = new BatchedFileWriter(
        data,
        offset === bytes && bytes > 0 ? 'a' : 'w',
        onIngest && (() => onIngest(data)),
      );
      await pipeline(stream, verifier, out);
      await syncFile(data);
      await mkdir(join(this.root, 'blobs', 'sha256'), { recursive: true });
      await rename(data, this.blobPath(digest));
      await fsyncDir(join(this.root, 'blobs', 'sha256'));
      await rm(dir, { recursive: true, force: true });
      return { digest, size: verifier.bytes, existed: false };
    } catch (err) {
      // A verification failure stores nothing; a network failure keeps the partial data to resume.
      const keep = !(err instanceof RuntimeError && err.code === 'INVALID_ARGUMENT');
      if (!keep) await rm(dir, { recursive: true, force: true });
      throw RuntimeError.wrap(err, `writing blob ${digest}`, 'UNAVAILABLE');
    }
  }

  /** Removes ingests not being written by this process (leftovers of a crash). Returns their count. */
  async cleanIngests(): Promise<number> {
    const dir = join(this.root, 'ingest');
    const names = await readdir(dir).catch(() => [] as string[]);
    let n = 0;
    for (const name of names) {
      const d = `sha256:${name}`;
      if (isDigest(d) && this.active.has(d)) continue;
      await rm(join(dir, name), { recursive: true, force: true });
      n++;
    }
    return n;
  }

  async setLabels(digest: Digest, labels: Record<string, string>): Promise<void> {
    await writeFileAtomic(
      join(this.root, 'labels', `${digestHex(digest)}.json`),
      JSON.stringify(labels),
    );
  }

  async labels(digest: Digest): Promise<Record<string, string>> {
    try {
      return JSON.parse(
        await readFile(join(this.root, 'labels', `${digestHex(digest)}.json`), 'utf8'),
      ) as Record<string, string>;
    } catch {
      return {};
    }
  }
}

async function hashPartial(path: string, size: number | undefined) {
  const hash = createHash('sha256');
  let bytes = 0;
  try {
    const st = await stat(path);
    if (size !== undefined && st.size > size) return { hash, bytes: 0 };
    for await (const chunk of createReadStream(path)) {
      hash.update(chunk as Buffer);
      bytes += (chunk as Buffer).length;
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  return { hash, bytes };
}

async function syncFile(path: string): Promise<void> {
  const fh = await open(path, 'r+');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}
