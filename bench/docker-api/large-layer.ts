import { randomBytes, randomInt } from 'node:crypto';
import { buildImage, type TarEntry, type TestImage } from '@berth/testkit';

const MiB = 1 << 20;

/** Text like config files, docs and scripts: compressible, not trivially. */
function text(bytes: number): Buffer {
  const words = [
    'usr',
    'lib',
    'share',
    'config',
    'value',
    'enable',
    'path',
    'module',
    'the',
    'and',
  ];
  const parts: string[] = [];
  let size = 0;
  while (size < bytes) {
    const line = `${words[randomInt(words.length)]}_${randomInt(1e6)} = ${randomBytes(6).toString('base64')} # ${words[randomInt(words.length)]}\n`;
    parts.push(line);
    size += line.length;
  }
  return Buffer.from(parts.join('')).subarray(0, bytes);
}

/**
 * One big layer shaped like a distribution's root file system: half the bytes in files of
 * 1–8 MiB of random data (binaries and compressed archives compress poorly), half in text files
 * of 1–64 KiB (thousands of them), in a few hundred directories.
 */
export function largeLayerEntries(totalBytes: number): TarEntry[] {
  const entries: TarEntry[] = [{ name: 'usr/', type: 'directory' }];
  const dirs = Array.from({ length: 200 }, (_, i) => `usr/share/pkg${i}/`);
  entries.push({ name: 'usr/share/', type: 'directory' }, { name: 'usr/bin/', type: 'directory' });
  for (const d of dirs) entries.push({ name: d, type: 'directory' });
  let binaries = 0;
  for (let i = 0; binaries < totalBytes / 2; i++) {
    const size = randomInt(MiB, 8 * MiB);
    entries.push({ name: `usr/bin/tool${i}`, data: randomBytes(size), mode: 0o755 });
    binaries += size;
  }
  let texts = 0;
  for (let i = 0; texts < totalBytes / 2; i++) {
    const size = randomInt(1024, 64 * 1024);
    entries.push({ name: `${dirs[i % dirs.length]}file${i}.txt`, data: text(size) });
    texts += size;
  }
  return entries;
}

export interface LargeLayerImage {
  readonly image: TestImage;
  readonly compressedBytes: number;
  readonly uncompressedBytes: number;
  readonly files: number;
}

/** An image of exactly one gzip layer of about `mib` MiB (pulled, never run). */
export async function buildLargeLayerImage(mib: number): Promise<LargeLayerImage> {
  const entries = largeLayerEntries(mib * MiB);
  const image = await buildImage({ layers: [entries], compression: 'gzip' });
  const layer = image.layers[0]!;
  return {
    image,
    compressedBytes: layer.blob.length,
    uncompressedBytes: layer.tar.length,
    files: entries.filter((e) => e.type === undefined || e.type === 'file').length,
  };
}
