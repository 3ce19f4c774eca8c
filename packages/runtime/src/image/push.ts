import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { Readable as ReadableStream } from 'node:stream';
import type { Digest } from '../digest/digest.js';
import type { RegistryClient } from '../registry/client.js';
import type { LayerProgress } from '../events.js';
import { parseManifestDocument, type Descriptor } from './manifest.js';
import { limiter } from './services.js';

/** Where pushed blobs come from: the content store, or an in-memory set in tests. */
export interface BlobProvider {
  readBuffer(digest: Digest): Promise<Buffer>;
  open(digest: Digest): Readable;
}

export interface PushTreeOptions {
  onProgress?: (p: LayerProgress) => void;
  /** Repositories on the same registry that may already hold the blobs (cross-repo mount). */
  mountFrom?: readonly string[];
  concurrency?: number;
}

/**
 * Pushes a manifest or index and everything below it, children first, and tags it.
 * Each blob: HEAD (skip if present) → cross-repo mount if a source repo is known → POST+PUT.
 */
export async function pushTree(
  client: RegistryClient,
  repository: string,
  tag: string,
  root: Descriptor,
  blobs: BlobProvider,
  opts: PushTreeOptions = {},
): Promise<Digest> {
  await pushManifestChildren(client, repository, root, blobs, opts);
  const data = await blobs.readBuffer(root.digest);
  return client.putManifest(repository, tag, data, root.mediaType);
}

async function pushManifestChildren(
  client: RegistryClient,
  repository: string,
  desc: Descriptor,
  blobs: BlobProvider,
  opts: PushTreeOptions,
): Promise<void> {
  const doc = parseManifestDocument(await blobs.readBuffer(desc.digest), desc.mediaType);
  if (doc.kind === 'index') {
    for (const m of doc.index.manifests) {
      await pushManifestChildren(client, repository, m, blobs, opts);
      await client.putManifest(repository, m.digest, await blobs.readBuffer(m.digest), m.mediaType);
    }
    return;
  }
  const limit = limiter(opts.concurrency ?? 3);
  await Promise.all(
    [doc.manifest.config, ...doc.manifest.layers].map((d) =>
      limit(() => pushBlob(client, repository, d, blobs, opts)),
    ),
  );
}

async function pushBlob(
  client: RegistryClient,
  repository: string,
  d: Descriptor,
  blobs: BlobProvider,
  opts: PushTreeOptions,
): Promise<void> {
  const emit = (status: LayerProgress['status'], current: number) =>
    opts.onProgress?.({ layer: d.digest, status, current, total: d.size });
  if (await client.hasBlob(repository, d.digest)) return emit('already exists', d.size);
  for (const from of opts.mountFrom ?? []) {
    if (from !== repository && (await client.mountBlob(repository, d.digest, from)))
      return emit('mounted', d.size);
  }
  emit('pushing', 0);
  await client.uploadBlob(repository, d.digest, d.size, () => {
    const s = blobs.open(d.digest);
    let sent = 0;
    s.on('data', (c: Buffer) => {
      sent += c.length;
      if (sent === d.size) emit('pushing', sent);
    });
    return s;
  });
  emit('done', d.size);
}

/** A BlobProvider over a path function (the content store's blob paths). */
export function fileBlobs(
  pathOf: (d: Digest) => string,
  read: (d: Digest) => Promise<Buffer>,
): BlobProvider {
  return { readBuffer: read, open: (d) => createReadStream(pathOf(d)) };
}

/** A BlobProvider over an in-memory map (test images). */
export function memoryBlobs(map: ReadonlyMap<Digest, Buffer>): BlobProvider {
  const get = (d: Digest) => {
    const b = map.get(d);
    if (!b) throw new Error(`blob ${d} not in memory set`);
    return b;
  };
  return { readBuffer: async (d) => get(d), open: (d) => ReadableStream.from([get(d)]) };
}
