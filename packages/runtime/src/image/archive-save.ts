import { createReadStream } from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import tar from 'tar-stream';
import type { Digest } from '../digest/digest.js';
import { RuntimeError } from '../errors.js';
import { MediaType } from '../media-types.js';
import {
  FULL_NAME,
  REF_NAME,
  blobName,
  dockerManifestJson,
  repositoriesJson,
  type SavedImage,
} from './archive-formats.js';
import type { Descriptor } from './manifest.js';
import type { ImageRecord } from './records.js';
import type { ImageServices } from './services.js';

/**
 * Writes images to `sink` as Docker ≥ 25's `docker save` does: an OCI image layout (`oci-layout`,
 * `index.json` naming each image, `blobs/sha256/*`) plus Docker's `manifest.json` and
 * `repositories` pointing into `blobs/`, so OCI tools, Docker 20.10's `docker load` and Berth
 * all read it. Layers are written as stored (compressed); loaders decompress them.
 */
export async function saveArchive(
  svc: ImageServices,
  images: ReadonlyArray<{ record: ImageRecord; names: readonly string[] }>,
  sink: Writable,
): Promise<void> {
  const pack = tar.pack();
  const written = pipeline(pack as unknown as Readable, sink);
  const seen = new Set<Digest>();
  const entries: Descriptor[] = [];
  const saved: SavedImage[] = [];
  try {
    for (const { record, names } of mergeByImage(images)) {
      for (const d of [record.manifestDigest, record.id, ...record.layers.map((l) => l.digest)]) {
        if (seen.has(d)) continue;
        seen.add(d);
        await addBlob(svc, pack, d);
      }
      const desc = {
        mediaType: record.manifestMediaType,
        digest: record.manifestDigest,
        size: record.manifestSize,
      };
      if (names.length === 0) entries.push(desc);
      for (const n of names)
        entries.push({
          ...desc,
          annotations: { [FULL_NAME]: n, [REF_NAME]: n.slice(n.lastIndexOf(':') + 1) },
        });
      saved.push({ config: record.id, layers: record.layers.map((l) => l.digest), names });
    }
    await addFile(pack, 'oci-layout', Buffer.from(JSON.stringify({ imageLayoutVersion: '1.0.0' })));
    await addFile(
      pack,
      'index.json',
      Buffer.from(
        JSON.stringify({ schemaVersion: 2, mediaType: MediaType.OciIndex, manifests: entries }),
      ),
    );
    await addFile(pack, 'manifest.json', dockerManifestJson(saved));
    await addFile(pack, 'repositories', repositoriesJson(saved));
    pack.finalize();
    await written;
  } catch (err) {
    pack.destroy(err as Error);
    await written.catch(() => undefined);
    throw err;
  }
}

/** Pure: one entry per image, with the union of the names it was asked for under, in order. */
export function mergeByImage(
  images: ReadonlyArray<{ record: ImageRecord; names: readonly string[] }>,
): Array<{ record: ImageRecord; names: string[] }> {
  const byId = new Map<Digest, { record: ImageRecord; names: string[] }>();
  for (const { record, names } of images) {
    const e = byId.get(record.id) ?? { record, names: [] };
    for (const n of names) if (!e.names.includes(n)) e.names.push(n);
    byId.set(record.id, e);
  }
  return [...byId.values()];
}

function addFile(pack: tar.Pack, name: string, data: Buffer): Promise<void> {
  return new Promise((resolve, reject) =>
    pack.entry({ name, size: data.length, mode: 0o644, mtime: new Date(0) }, data, (e) =>
      e ? reject(e) : resolve(),
    ),
  );
}

async function addBlob(svc: ImageServices, pack: tar.Pack, d: Digest): Promise<void> {
  const info = await svc.content.info(d);
  if (!info) throw new RuntimeError('NOT_FOUND', `blob ${d} is missing from the content store`);
  let done!: Promise<void>;
  const sink = await new Promise<ReturnType<tar.Pack['entry']>>((ready) => {
    done = new Promise((resolve, reject) => {
      ready(
        pack.entry({ name: blobName(d), size: info.size, mode: 0o644, mtime: new Date(0) }, (e) =>
          e ? reject(e) : resolve(),
        ),
      );
    });
  });
  for await (const chunk of createReadStream(svc.content.blobPath(d))) {
    if (!sink.write(chunk as Buffer)) await new Promise<void>((r) => sink.once('drain', () => r()));
  }
  sink.end(undefined);
  await done;
}
