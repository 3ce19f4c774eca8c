import { randomBytes, randomInt } from 'node:crypto';
import {
  buildImage,
  busyboxLayer,
  pushTestImage,
  type TarEntry,
  type TestImage,
} from '@berth/testkit';

const MiB = 1 << 20;

/** The shape of the benchmark image; the defaults give ≈100 MB of gzip layers. */
export interface BenchImageShape {
  /** Layers holding big files (on top of the busybox base and the small-files layer). */
  readonly dataLayers: number;
  /** Incompressible files per data layer, and their size. */
  readonly randomFilesPerLayer: number;
  readonly randomFileBytes: number;
  /** One log-like, compressible text file per data layer. */
  readonly textFileBytes: number;
  /** A layer of many small files (like node_modules or site-packages). */
  readonly smallFiles: number;
}

export const DEFAULT_SHAPE: BenchImageShape = {
  dataLayers: 5,
  randomFilesPerLayer: 3,
  randomFileBytes: 6 * MiB,
  textFileBytes: 3 * MiB,
  smallFiles: 2000,
};

export interface BenchImage {
  readonly image: TestImage;
  readonly layers: number;
  /** Sum of the gzip blobs: what crosses the wire. */
  readonly compressedBytes: number;
  /** Sum of the layer tars: what gets unpacked. */
  readonly uncompressedBytes: number;
  readonly files: number;
}

/** Log-like lines: compressible, but not trivially (ids and numbers vary). */
function logText(bytes: number): Buffer {
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const line = `2026-01-01T00:00:${String(i % 60).padStart(2, '0')}Z INFO request id=${randomBytes(4).toString('hex')} path=/api/v1/items/${randomInt(100_000)} status=${i % 17 === 0 ? 500 : 200} bytes=${randomInt(1 << 16)}\n`;
    lines.push(line);
    size += line.length;
  }
  return Buffer.from(lines.join('')).subarray(0, bytes);
}

function dataLayer(n: number, shape: BenchImageShape): TarEntry[] {
  const dir = `opt/data${n}/`;
  return [
    { name: 'opt/', type: 'directory' },
    { name: dir, type: 'directory' },
    ...Array.from({ length: shape.randomFilesPerLayer }, (_, i) => ({
      name: `${dir}blob${i}.bin`,
      data: randomBytes(shape.randomFileBytes),
    })),
    { name: `${dir}app.log`, data: logText(shape.textFileBytes) },
  ];
}

function smallFilesLayer(count: number): TarEntry[] {
  const entries: TarEntry[] = [{ name: 'usr/', type: 'directory' }];
  entries.push({ name: 'usr/lib/', type: 'directory' });
  for (let d = 0; d < Math.ceil(count / 100); d++)
    entries.push({ name: `usr/lib/pkg${d}/`, type: 'directory' });
  for (let i = 0; i < count; i++) {
    const size = 512 + randomInt(7 * 1024);
    const data = i % 2 === 0 ? randomBytes(size) : logText(size);
    entries.push({ name: `usr/lib/pkg${Math.floor(i / 100)}/file${i}.js`, data });
  }
  return entries;
}

/** Builds the multi-layer image in memory (busybox-static base, data layers, small files). */
export async function buildBenchImage(shape: BenchImageShape = DEFAULT_SHAPE): Promise<BenchImage> {
  const layers = [
    await busyboxLayer({ compression: 'gzip' }),
    smallFilesLayer(shape.smallFiles),
    ...Array.from({ length: shape.dataLayers }, (_, i) => dataLayer(i, shape)),
  ];
  const image = await buildImage({ layers, compression: 'gzip' });
  const files =
    shape.smallFiles + shape.dataLayers * (shape.randomFilesPerLayer + 1) + 1; /* busybox */
  return {
    image,
    layers: image.layers.length,
    compressedBytes: image.layers.reduce((a, l) => a + l.blob.length, 0),
    uncompressedBytes: image.layers.reduce((a, l) => a + l.tar.length, 0),
    files,
  };
}

/** Pushes it with Berth's own push code. */
export async function pushBenchImage(ref: string, img: BenchImage): Promise<string> {
  return pushTestImage(ref, img.image);
}
