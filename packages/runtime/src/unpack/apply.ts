import { open } from 'node:fs/promises';
import { PassThrough, type Writable } from 'node:stream';
import { ByteLimit, peekHead } from './streams.js';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import type * as Zstd from 'zstd-napi';
import { DigestVerifier, type Digest } from '../digest/digest.js';
import { RuntimeError } from '../errors.js';
import { detectCompression, type Compression } from './paths.js';
import { LayerWriter, type EntryData, type EntryHeader } from './layer-writer.js';
import { binaryNameExtract } from './tar-pax.js';
import { lazyModule } from '../lazy-module.js';
import { readChunks } from './follow-file.js';

export interface ApplyOptions {
  /**
   * The (possibly compressed) layer blob: a file, or its bytes as they arrive (`source`, e.g.
   * `followFile`). A chunk of `source` is not used once the next one is asked for, so a source
   * may read every chunk into the same buffer.
   */
  readonly blobPath?: string;
  readonly source?: AsyncIterable<Buffer>;
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

const DEFAULT_MAX = 64 * 1024 ** 3;
/** zstd-napi (a native addon): only zstd layers need it. */
const zstd = lazyModule<typeof Zstd>('zstd-napi');
/** Fewer, larger chunks through the stream stages (each chunk costs callbacks in every stage). */
const INFLATE_CHUNK = 128 * 1024;

/**
 * Applies one layer tar in a single streaming pass (decompress → hash → untar) into `root`,
 * turning OCI whiteouts into overlay whiteouts. Every path is resolved component by component
 * with lstat and nothing is followed, so no entry can write outside `root` (see LayerWriter).
 */
export async function applyLayer(opts: ApplyOptions): Promise<ApplyResult> {
  const { head, chunks } = await openBlob(opts);
  const compression = detectCompression(head);
  const decompress =
    compression === 'gzip'
      ? createGunzip({ chunkSize: INFLATE_CHUNK })
      : compression === 'zstd'
        ? new (zstd().DecompressStream)()
        : new PassThrough();
  const max = opts.maxBytes ?? DEFAULT_MAX;
  const limit = new ByteLimit(max, opts.onProgress);
  const verifier = new DigestVerifier(opts.expectedDiffId);
  const extract = binaryNameExtract(); // names are bytes (names.ts)
  const writer = new LayerWriter(opts.root, max);
  // An entry rejected by policy wins; an entry that failed because the stream broke (truncated,
  // corrupt, over the limit) reports the stream's error instead.
  let entryError: RuntimeError | undefined;
  const asEntryFailure = (err: unknown) => {
    entryError = err as RuntimeError;
    throw err;
  };
  const consume = (async () => {
    try {
      for await (const entry of extract)
        await writer.write(entry.header as EntryHeader, entry as EntryData).catch(asEntryFailure);
      await writer.flush().catch(asEntryFailure);
    } finally {
      await writer.settle(); // nothing may still write into root once this apply returns
    }
  })().catch((err: unknown) => extract.destroy(err as Error));
  const piping = pipeline(decompress, limit, verifier, extract);
  const [piped] = await Promise.allSettled([
    piping,
    consume,
    // an uncompressed layer's chunks go on down the stages as they are: copies of them
    feed(chunks, decompress, piping, compression === 'none'),
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
  await writer.finish();
  return {
    diffId: verifier.actual!,
    compression,
    tarBytes: verifier.bytes,
    fileBytes: writer.fileBytes,
  };
}

/** The blob's first bytes (for the compression's magic number) and all of its bytes again. */
async function openBlob(
  opts: ApplyOptions,
): Promise<{ head: Buffer; chunks: AsyncIterable<Buffer> }> {
  if (opts.source)
    return peekHead(opts.source, 4).then(({ head, rest }) => ({ head, chunks: rest }));
  if (!opts.blobPath) throw new RuntimeError('INVALID_ARGUMENT', 'applyLayer needs a blob');
  const { head, rest } = await peekHead(readChunks(await open(opts.blobPath, 'r')), 4);
  return { head, chunks: rest };
}

/**
 * Writes `chunks` into the first stage and ends it, asking for the next chunk only once the
 * stage is done with the last one (its write callback: the decompressor has consumed it), so
 * the source may reuse its buffer. A failing source fails the stage (and so the pipeline); once
 * the pipeline is over, the source is closed and nothing more is written.
 */
async function feed(
  chunks: AsyncIterable<Buffer>,
  into: Writable,
  piping: Promise<void>,
  copy: boolean,
): Promise<void> {
  const over = piping.then(
    () => true,
    () => true,
  );
  try {
    for await (const chunk of chunks) {
      const written = new Promise<boolean>((resolve, reject) =>
        into.write(copy ? Buffer.from(chunk) : chunk, (err) =>
          err ? reject(err) : resolve(false),
        ),
      );
      written.catch(() => undefined); // a write failing after the pipeline is over: nothing to do
      if (await Promise.race([written, over])) return; // leaving the loop closes the source
    }
    into.end();
  } catch (err) {
    into.destroy(err as Error);
  }
}
