import { createReadStream } from 'node:fs';
import {
  chmod,
  lchown,
  link,
  lutimes,
  mkdir,
  open,
  rm,
  symlink,
  unlink,
  utimes,
  constants,
} from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { ByteLimit, readHead } from './streams.js';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import tar from 'tar-stream';
import { DecompressStream } from 'zstd-napi';
import { setAttribute } from 'fs-xattr';
import { DigestVerifier, type Digest } from '../digest/digest.js';
import { RuntimeError } from '../errors.js';
import {
  detectCompression,
  entryComponents,
  paxXattrs,
  whiteoutKind,
  type Compression,
} from './paths.js';
import { lstatOrUndefined, mknod, rejectEntry, resolveDir } from './fs-ops.js';
import { patchTarStreamPax } from './tar-pax.js';

patchTarStreamPax();

export interface ApplyOptions {
  /** The (possibly compressed) layer blob. */
  readonly blobPath: string;
  /** Empty directory that receives the layer in overlay form. */
  readonly root: string;
  /** The diff ID from the image config; a mismatch fails the apply. */
  readonly expectedDiffId?: Digest;
  /** Refuse layers whose uncompressed tar exceeds this many bytes (default 64 GiB). */
  readonly maxBytes?: number;
  readonly onProgress?: (tarBytes: number) => void;
}

export interface ApplyResult {
  readonly diffId: Digest;
  readonly compression: Compression;
  /** Bytes of the uncompressed tar. */
  readonly tarBytes: number;
  /** Sum of regular file sizes written. */
  readonly fileBytes: number;
}

type Header = Omit<tar.Header, 'pax' | 'type'> & {
  type: tar.Header['type'] | undefined;
  pax?: Record<string, string> | null;
};
type Data = AsyncIterable<Buffer>;
const DEFAULT_MAX = 64 * 1024 ** 3;

/**
 * Applies one layer tar in a single streaming pass (decompress → hash → untar) into `root`,
 * turning OCI whiteouts into overlay whiteouts. Every path is resolved component by component
 * with lstat and nothing is followed, so no entry can write outside `root`.
 */
export async function applyLayer(opts: ApplyOptions): Promise<ApplyResult> {
  const compression = detectCompression(await readHead(opts.blobPath));
  const decompress =
    compression === 'gzip'
      ? createGunzip()
      : compression === 'zstd'
        ? new DecompressStream()
        : new PassThrough();
  const max = opts.maxBytes ?? DEFAULT_MAX;
  const limit = new ByteLimit(max, opts.onProgress);
  const verifier = new DigestVerifier(opts.expectedDiffId);
  const extract = tar.extract();
  const state: LayerState = { root: opts.root, dirTimes: [], fileBytes: 0, max };
  // An entry rejected by policy wins; an entry that failed because the stream broke (truncated,
  // corrupt, over the limit) reports the stream's error instead.
  let entryError: RuntimeError | undefined;
  const consume = (async () => {
    for await (const entry of extract) {
      try {
        await applyEntry(state, entry.header as Header, entry as Data);
      } catch (err) {
        entryError = err as RuntimeError;
        throw err;
      }
    }
  })().catch((err: unknown) => extract.destroy(err as Error));
  const [piped] = await Promise.allSettled([
    pipeline(createReadStream(opts.blobPath), decompress, limit, verifier, extract),
    consume,
  ]);
  const streamBroke = piped.status === 'rejected' && piped.reason !== entryError;
  if (entryError && !(streamBroke && entryError.cause !== undefined)) throw entryError;
  if (piped.status === 'rejected') {
    const err = piped.reason as unknown;
    if (err instanceof RuntimeError) {
      if (err.details?.reason === 'digest-mismatch') {
        throw new RuntimeError('INVALID_ARGUMENT', `layer diff ID mismatch: ${err.message}`, {
          cause: err,
          details: err.details,
        });
      }
      throw err;
    }
    throw new RuntimeError(
      'INVALID_ARGUMENT',
      `corrupt ${compression === 'none' ? '' : `${compression} `}layer: ${(err as Error).message}`,
      { cause: err },
    );
  }
  for (const [path, mtime] of state.dirTimes.reverse()) await utimes(path, mtime, mtime);
  return {
    diffId: verifier.actual!,
    compression,
    tarBytes: verifier.bytes,
    fileBytes: state.fileBytes,
  };
}

interface LayerState {
  root: string;
  dirTimes: Array<[string, Date]>;
  fileBytes: number;
  max: number;
}

async function applyEntry(state: LayerState, h: Header, data: Data): Promise<void> {
  const name = h.name;
  try {
    const comps = entryComponents(name);
    if (comps.length === 0) return void (await drain(data)); // the root itself
    const base = comps[comps.length - 1]!;
    const parent = await resolveDir(state.root, comps.slice(0, -1), name, true);
    const wh = whiteoutKind(base);
    if (wh.kind !== 'none') {
      await drain(data);
      if (wh.kind === 'opaque') await setAttribute(parent, 'trusted.overlay.opaque', 'y');
      if (wh.kind === 'whiteout') {
        const target = join(parent, wh.name);
        await rm(target, { recursive: true, force: true });
        await mknod(target, 'c', 0, 0);
      }
      return;
    }
    const target = join(parent, base);
    await createNode(state, h, data, target, name);
    if (h.type === 'symlink') {
      await lchown(target, h.uid ?? 0, h.gid ?? 0);
      if (h.mtime) await lutimes(target, h.mtime, h.mtime);
      return;
    }
    if (h.type === 'link') return; // a hard link shares its source's inode and metadata
    await lchown(target, h.uid ?? 0, h.gid ?? 0);
    await chmod(target, (h.mode ?? 0o644) & 0o7777); // after chown, which clears setuid/setgid
    for (const [attr, value] of paxXattrs(h.pax)) await setAttribute(target, attr, value);
    if (h.mtime) {
      if (h.type === 'directory') state.dirTimes.push([target, h.mtime]);
      else await utimes(target, h.mtime, h.mtime);
    }
  } catch (err) {
    await drain(data).catch(() => undefined);
    if (err instanceof RuntimeError && err.details?.entry !== undefined) throw err;
    if (err instanceof RuntimeError && err.code === 'INVALID_ARGUMENT')
      throw rejectEntry(name, err.message);
    throw rejectEntry(name, (err as Error).message, err);
  }
}

async function createNode(
  state: LayerState,
  h: Header,
  data: Data,
  target: string,
  name: string,
): Promise<void> {
  const existing = await lstatOrUndefined(target);
  const type = h.type ?? 'file';
  if (existing?.isDirectory()) {
    if (type === 'directory') return;
    if (type === 'symlink' || type === 'link')
      throw rejectEntry(name, 'refusing to replace a directory with a link');
    await rm(target, { recursive: true });
  }
  switch (type) {
    case 'directory':
      if (existing) await unlink(target);
      return mkdir(target, { mode: 0o700 });
    case 'file':
    case 'contiguous-file':
      return writeFile(state, h, data, target, name, existing !== undefined);
    case 'symlink':
      if (!h.linkname) throw rejectEntry(name, 'symlink without a target');
      if (existing) await unlink(target);
      return symlink(h.linkname, target);
    case 'link':
      return hardlink(state, h, target, name, existing !== undefined);
    case 'character-device':
    case 'block-device':
    case 'fifo':
      if (existing) await unlink(target);
      return mknod(
        target,
        type === 'fifo' ? 'p' : type === 'block-device' ? 'b' : 'c',
        h.devmajor ?? 0,
        h.devminor ?? 0,
      );
    default:
      throw rejectEntry(name, `unsupported entry type "${String(type)}"`);
  }
}

async function writeFile(
  state: LayerState,
  h: Header,
  data: Data,
  target: string,
  name: string,
  existed: boolean,
): Promise<void> {
  const size = h.size ?? 0;
  if (size > state.max)
    throw rejectEntry(name, `size ${size} exceeds the layer limit of ${state.max} bytes`);
  if (existed) await unlink(target);
  const fh = await open(
    target,
    constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
    0o600,
  );
  try {
    for await (const chunk of data) {
      for (let off = 0; off < chunk.length;) off += (await fh.write(chunk, off)).bytesWritten;
    }
  } finally {
    await fh.close();
  }
  state.fileBytes += size;
}

async function hardlink(
  state: LayerState,
  h: Header,
  target: string,
  name: string,
  existed: boolean,
): Promise<void> {
  if (!h.linkname) throw rejectEntry(name, 'hard link without a target');
  const comps = entryComponents(h.linkname);
  if (comps.length === 0) throw rejectEntry(name, 'hard link to the root');
  const dir = await resolveDir(state.root, comps.slice(0, -1), name, false);
  const source = join(dir, comps[comps.length - 1]!);
  const st = await lstatOrUndefined(source);
  if (!st) throw rejectEntry(name, `hard link target "${h.linkname}" is not in this layer`);
  if (st.isSymbolicLink())
    throw rejectEntry(name, `refusing a hard link to symlink "${h.linkname}"`);
  if (st.isDirectory())
    throw rejectEntry(name, `refusing a hard link to directory "${h.linkname}"`);
  if (source === target) throw rejectEntry(name, 'hard link to itself');
  if (existed) await unlink(target);
  await link(source, target);
}

async function drain(stream: Data): Promise<void> {
  for await (const _ of stream) {
    // discard
  }
}
