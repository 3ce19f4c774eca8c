import { execFileSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { compress as zstdCompress } from 'zstd-napi';
import { MediaType, sha256, type Digest } from './oci.js';
import { buildTar, type TarEntry } from './tar.js';

export type Compression = 'gzip' | 'zstd' | 'none';

/** One layer: its uncompressed tar (diff_id) and the blob that crosses the wire (digest). */
export interface BuiltLayer {
  readonly tar: Buffer;
  readonly blob: Buffer;
  readonly diffId: Digest;
  readonly digest: Digest;
  readonly mediaType: string;
}

export function compressLayer(tarBuf: Buffer, compression: Compression): BuiltLayer {
  const blob =
    compression === 'gzip'
      ? gzipSync(tarBuf)
      : compression === 'zstd'
        ? zstdCompress(tarBuf)
        : tarBuf;
  const mediaType =
    compression === 'gzip'
      ? MediaType.OciLayerGzip
      : compression === 'zstd'
        ? MediaType.OciLayerZstd
        : MediaType.OciLayer;
  return { tar: tarBuf, blob, diffId: sha256(tarBuf), digest: sha256(blob), mediaType };
}

/** A layer from tar entries written in memory (tar-stream). */
export async function buildLayer(
  entries: readonly TarEntry[],
  compression: Compression = 'gzip',
): Promise<BuiltLayer> {
  return compressLayer(await buildTar(entries), compression);
}

/**
 * A reproducible layer of a real directory, as GNU tar writes it
 * (`tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0`): for trees that are
 * easier to make on disk than to list as entries.
 */
export function layerFromDir(dir: string, compression: Compression = 'gzip'): BuiltLayer {
  const tarBuf = execFileSync(
    'tar',
    [
      '--sort=name',
      '--owner=0',
      '--group=0',
      '--numeric-owner',
      '--mtime=@0',
      '-C',
      dir,
      '-cf',
      '-',
      '.',
    ],
    { maxBuffer: 256 << 20 },
  );
  return compressLayer(tarBuf, compression);
}

/** A layer holding one regular file (0644, owned by root) at `path`. */
export function fileLayer(
  path: string,
  content: Buffer | string,
  compression: Compression = 'gzip',
): Promise<BuiltLayer> {
  return buildLayer([{ name: path, data: content }], compression);
}
