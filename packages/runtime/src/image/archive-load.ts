import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { isDigest, type Digest } from '../digest/digest.js';
import { invalidArgument } from '../errors.js';
import type { LayerProgress } from '../events.js';
import { MediaType } from '../media-types.js';
import {
  archiveTags,
  dockerManifestSchema,
  layoutEntryName,
  layoutIndexSchema,
  manifestForDockerArchive,
  sniffLayerMediaType,
  type DockerManifestEntry,
} from './archive-formats.js';
import {
  openSpooled,
  readArchive,
  type ArchiveContents,
  type ArchiveFile,
} from './archive-reader.js';
import { parseImageConfig, parseManifestDocument, type Descriptor } from './manifest.js';
import { hostPlatform, selectManifest, type Platform } from './platform.js';
import type { ImageRecord } from './records.js';
import type { ImageServices } from './services.js';
import { planChains, unpackLayer } from './unpack-image.js';
import { isoTime } from '@berth/log';

const MAX_CONFIG_BYTES = 16 << 20;

export interface LoadOptions {
  platform?: Platform;
  /** A private directory for files the archive holds outside `blobs/` (Docker ≤ 24's layer.tar). */
  tmpRoot: string;
  onProgress?: (p: LayerProgress) => void;
}

/** An image an archive held, and the names it was loaded under (normalized tags). */
export interface LoadedImage {
  readonly record: ImageRecord;
  readonly names: readonly string[];
}

/**
 * Loads an image archive: an OCI image layout (`index.json`, Docker ≥ 25 and Berth) or Docker's
 * `manifest.json` format (Docker ≤ 24). Blobs are verified into the content store, each layer is
 * unpacked by the same safe extraction as a pull (checked against the config's diff_ids), and
 * the records are stored last.
 */
export async function loadArchive(
  svc: ImageServices,
  source: Readable,
  opts: LoadOptions,
): Promise<LoadedImage[]> {
  await svc.snapshots.init();
  const archive = await readArchive(source, svc.content, opts.tmpRoot);
  try {
    const platform = opts.platform ?? hostPlatform();
    const index = await layoutIndex(svc, archive);
    if (index) {
      const out: LoadedImage[] = [];
      for (const desc of index) out.push(await loadLayoutEntry(svc, desc, platform, opts));
      return out;
    }
    if (archive.has('manifest.json')) {
      const parsed = dockerManifestSchema.safeParse(
        await archive.readJson('manifest.json', svc.content),
      );
      if (!parsed.success) throw invalidArgument("archive's manifest.json is malformed");
      const out: LoadedImage[] = [];
      for (const e of parsed.data) out.push(await loadDockerEntry(svc, archive, e, opts));
      return out;
    }
    throw invalidArgument(
      'archive has neither index.json (OCI image layout) nor manifest.json (docker save)',
    );
  } finally {
    await archive.dispose();
  }
}

/** The OCI layout's index entries when the archive is one whose manifests are all present. */
async function layoutIndex(
  svc: ImageServices,
  archive: ArchiveContents,
): Promise<Descriptor[] | undefined> {
  if (!archive.has('index.json')) return undefined;
  const parsed = layoutIndexSchema.safeParse(await archive.readJson('index.json', svc.content));
  if (!parsed.success) throw invalidArgument("archive's index.json is malformed");
  for (const d of parsed.data.manifests) {
    if (!(await svc.content.has(d.digest))) {
      if (archive.has('manifest.json')) return undefined; // Docker's own manifest.json will do
      throw invalidArgument(`archive lacks manifest ${d.digest} that index.json lists`);
    }
  }
  return parsed.data.manifests;
}

async function loadLayoutEntry(
  svc: ImageServices,
  desc: Descriptor,
  platform: Platform,
  opts: LoadOptions,
): Promise<LoadedImage> {
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
  for (const l of [manifest.config, ...manifest.layers]) {
    if (!(await svc.content.has(l.digest))) throw invalidArgument(`archive lacks blob ${l.digest}`);
  }
  const name = layoutEntryName(desc);
  const manifestSize = (await svc.content.info(manifestDesc.digest))?.size ?? manifestDesc.size;
  return storeImage(svc, {
    configDigest: manifest.config.digest,
    configSize: manifest.config.size,
    manifest: { digest: manifestDesc.digest, mediaType: doc.mediaType, size: manifestSize },
    indexDigest: indexDigest && isDigest(indexDigest) ? indexDigest : undefined,
    layers: manifest.layers,
    names: name ? [name] : [],
    onProgress: opts.onProgress,
  });
}

async function loadDockerEntry(
  svc: ImageServices,
  archive: ArchiveContents,
  entry: DockerManifestEntry,
  opts: LoadOptions,
): Promise<LoadedImage> {
  const names = archiveTags(entry.RepoTags);
  const configFile = archive.lookup(entry.Config);
  if (!configFile) throw invalidArgument(`archive lacks ${entry.Config}`);
  if (configFile.size > MAX_CONFIG_BYTES) throw invalidArgument(`${entry.Config} is too large`);
  // the config's own bytes: their digest is the image ID
  const config = await intoContent(svc, configFile);
  const layers: Descriptor[] = [];
  for (const name of entry.Layers) {
    const f = archive.lookup(name);
    if (!f) throw invalidArgument(`archive lacks layer ${name}`);
    const stored = await intoContent(svc, f);
    layers.push({ ...stored, mediaType: sniffLayerMediaType(await head(svc, stored.digest)) });
  }
  const manifestData = manifestForDockerArchive(config, layers);
  const m = await svc.content.writeBuffer(manifestData);
  return storeImage(svc, {
    configDigest: config.digest,
    configSize: config.size,
    manifest: { digest: m.digest, mediaType: MediaType.OciManifest, size: m.size },
    indexDigest: undefined,
    layers,
    names,
    onProgress: opts.onProgress,
  });
}

/** A file of the archive in the content store (spooled files are written there, verified). */
async function intoContent(
  svc: ImageServices,
  f: ArchiveFile,
): Promise<{ digest: Digest; size: number }> {
  if (f.kind === 'spooled')
    await svc.content.write(f.digest, f.size, async () => ({ stream: openSpooled(f), offset: 0 }));
  return { digest: f.digest, size: f.size };
}

async function head(svc: ImageServices, d: Digest): Promise<Buffer> {
  const fh = await open(svc.content.blobPath(d), 'r');
  try {
    const buf = Buffer.alloc(4);
    const { bytesRead } = await fh.read(buf, 0, 4, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

interface StoreInput {
  configDigest: Digest;
  configSize: number;
  manifest: { digest: Digest; mediaType: string; size: number };
  indexDigest: Digest | undefined;
  layers: readonly Descriptor[];
  names: readonly string[];
  onProgress?: (p: LayerProgress) => void;
}

/** Unpacks the layers (verified against the config's diff_ids) and stores the record. */
async function storeImage(svc: ImageServices, input: StoreInput): Promise<LoadedImage> {
  const config = parseImageConfig(await svc.content.readBuffer(input.configDigest));
  const plan = { layers: input.layers, diffIds: config.rootfs.diff_ids };
  const chains = planChains(plan);
  for (let i = 0; i < input.layers.length; i++) {
    const l = input.layers[i]!;
    await unpackLayer(svc, plan, chains, i, input.onProgress);
    input.onProgress?.({ layer: l.digest, status: 'done', current: l.size, total: l.size });
  }
  const record = await svc.images.put({
    id: input.configDigest,
    configSize: input.configSize,
    manifestDigest: input.manifest.digest,
    manifestMediaType: input.manifest.mediaType,
    manifestSize: input.manifest.size,
    indexDigest: input.indexDigest,
    repoTags: [...input.names],
    repoDigests: [],
    platform: { os: config.os, architecture: config.architecture, variant: config.variant },
    layers: input.layers.map((l, i) => ({
      digest: l.digest,
      diffId: plan.diffIds[i]!,
      chainId: chains[i]!,
      mediaType: l.mediaType,
      size: l.size,
    })),
    chainId: chains[chains.length - 1],
    created: config.created,
    storedAt: isoTime(),
  });
  return { record, names: input.names };
}
