import { createReadStream, createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import tar from 'tar-stream';
import { z } from 'zod';
import { isDigest, type Digest } from '../digest/digest.js';
import { RuntimeError, invalidArgument } from '../errors.js';
import { parseReference, tagName } from '../reference/reference.js';
import {
  descriptorSchema,
  parseImageConfig,
  parseManifestDocument,
  type Descriptor,
} from './manifest.js';
import { MediaType } from '../media-types.js';
import { hostPlatform, selectManifest, type Platform } from './platform.js';
import type { ImageRecord } from './records.js';
import type { ImageServices } from './services.js';
import { planChains, unpackLayer } from './unpack-image.js';

const REF_NAME = 'org.opencontainers.image.ref.name';
const FULL_NAME = 'io.containerd.image.name';
const layoutIndexSchema = z.object({
  schemaVersion: z.literal(2),
  manifests: z.array(descriptorSchema),
});

/** Writes images as an OCI image-layout tar (`oci-layout`, `index.json`, `blobs/sha256/*`). */
export async function saveImages(
  svc: ImageServices,
  images: ReadonlyArray<{ record: ImageRecord; names: readonly string[] }>,
  outPath: string,
): Promise<void> {
  const pack = tar.pack();
  const written = pipeline(
    pack as unknown as Readable,
    createWriteStream(outPath, { mode: 0o600 }),
  );
  const seen = new Set<Digest>();
  const entries: Descriptor[] = [];
  try {
    for (const { record, names } of images) {
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
    }
    await addFile(pack, 'oci-layout', Buffer.from(JSON.stringify({ imageLayoutVersion: '1.0.0' })));
    await addFile(
      pack,
      'index.json',
      Buffer.from(
        JSON.stringify({ schemaVersion: 2, mediaType: MediaType.OciIndex, manifests: entries }),
      ),
    );
    pack.finalize();
    await written;
  } catch (err) {
    pack.destroy(err as Error);
    await written.catch(() => undefined);
    throw err;
  }
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
        pack.entry(
          { name: `blobs/sha256/${d.slice(7)}`, size: info.size, mode: 0o644, mtime: new Date(0) },
          (e) => (e ? reject(e) : resolve()),
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

/** Loads an OCI image-layout tar: blobs verified into the content store, layers unpacked, records stored. */
export async function loadImages(
  svc: ImageServices,
  inPath: string,
  platform: Platform = hostPlatform(),
): Promise<ImageRecord[]> {
  await svc.snapshots.init();
  const extract = tar.extract();
  let indexJson: Buffer | undefined;
  let sawDockerManifest = false;
  const consume = (async () => {
    for await (const entry of extract) {
      const name = entry.header.name.replace(/^\.\//, '');
      const m = /^blobs\/sha256\/([a-f0-9]{64})$/.exec(name);
      if (m && entry.header.type === 'file') {
        const digest = `sha256:${m[1]}` as Digest;
        await svc.content.write(digest, entry.header.size, async () => ({
          stream: Readable.from(entry),
          offset: 0,
        }));
      } else if (name === 'index.json') {
        indexJson = Buffer.concat(await collect(entry as AsyncIterable<Buffer>));
      } else {
        if (name === 'manifest.json') sawDockerManifest = true;
        for await (const _ of entry) {
          // skip
        }
      }
    }
  })();
  await Promise.all([pipeline(createReadStream(inPath), extract), consume]);
  if (!indexJson) {
    throw invalidArgument(
      sawDockerManifest
        ? 'archive is in docker-save format without index.json; only OCI image layouts are supported'
        : 'archive has no index.json (not an OCI image layout)',
    );
  }
  const parsed = layoutIndexSchema.safeParse(JSON.parse(indexJson.toString('utf8')));
  if (!parsed.success) throw invalidArgument('index.json of the archive is malformed');
  const out: ImageRecord[] = [];
  for (const desc of parsed.data.manifests) out.push(await storeFromLayout(svc, desc, platform));
  return out;
}

async function collect(src: AsyncIterable<Buffer>): Promise<Buffer[]> {
  const out: Buffer[] = [];
  for await (const c of src) out.push(c);
  return out;
}

async function storeFromLayout(
  svc: ImageServices,
  desc: Descriptor,
  platform: Platform,
): Promise<ImageRecord> {
  let doc = parseManifestDocument(await svc.content.readBuffer(desc.digest), desc.mediaType);
  let manifestDesc = desc;
  let indexDigest: Digest | undefined;
  if (doc.kind === 'index') {
    indexDigest = desc.digest;
    manifestDesc = selectManifest(doc.index, platform);
    doc = parseManifestDocument(
      await svc.content.readBuffer(manifestDesc.digest),
      manifestDesc.mediaType,
    );
    if (doc.kind !== 'manifest') throw invalidArgument('nested indexes are not supported');
  }
  const manifest = doc.manifest;
  const config = parseImageConfig(await svc.content.readBuffer(manifest.config.digest));
  const plan = { layers: manifest.layers, diffIds: config.rootfs.diff_ids };
  const chains = planChains(plan);
  for (let i = 0; i < manifest.layers.length; i++) {
    if (!(await svc.content.has(manifest.layers[i]!.digest)))
      throw invalidArgument(`archive lacks layer ${manifest.layers[i]!.digest}`);
    await unpackLayer(svc, plan, chains, i);
  }
  const name = desc.annotations?.[FULL_NAME] ?? desc.annotations?.[REF_NAME];
  let tags: string[] = [];
  if (name) {
    try {
      tags = [tagName(parseReference(name))];
    } catch {
      tags = [];
    }
  }
  const manifestSize = (await svc.content.info(manifestDesc.digest))?.size ?? manifestDesc.size;
  return svc.images.put({
    id: manifest.config.digest,
    configSize: manifest.config.size,
    manifestDigest: manifestDesc.digest,
    manifestMediaType: doc.mediaType,
    manifestSize,
    indexDigest: indexDigest && isDigest(indexDigest) ? indexDigest : undefined,
    repoTags: tags,
    repoDigests: [],
    platform: { os: config.os, architecture: config.architecture, variant: config.variant },
    layers: manifest.layers.map((l, i) => ({
      digest: l.digest,
      diffId: plan.diffIds[i]!,
      chainId: chains[i]!,
      mediaType: l.mediaType,
      size: l.size,
    })),
    chainId: chains[chains.length - 1],
    created: config.created,
    storedAt: new Date().toISOString(),
  });
}
