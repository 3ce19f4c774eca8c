import type { Readable } from 'node:stream';
import type { Digest } from '../digest/digest.js';
import { RuntimeError } from '../errors.js';
import {
  formatReference,
  manifestReference,
  parseReference,
  repositoryName,
  tagName,
} from '../reference/reference.js';
import type { RegistryClient } from '../registry/client.js';
import type { LayerProgress } from '../events.js';
import {
  parseImageConfig,
  parseManifestDocument,
  type Descriptor,
  type Manifest,
} from './manifest.js';
import {
  hostPlatform,
  normalizePlatform,
  platformMatches,
  selectManifest,
  formatPlatform,
  type Platform,
} from './platform.js';
import type { ImageRecord } from './records.js';
import { limiter, type ImageServices, type ProgressListener } from './services.js';
import { followFile, openIfPresent } from '../unpack/follow-file.js';
import { planChains, unpackLayer, type ApplyGate, type LayerBlob } from './unpack-image.js';
import { isoTime } from '@berth/log';
import { allSettledOrThrow } from '../settle.js';

export interface PullOptions {
  platform?: Platform;
  onProgress?: ProgressListener;
  /** Parallel layer downloads (default 3). */
  concurrency?: number;
}

const PROGRESS_STEP = 512 * 1024;
/** Layers applied at once (each writes its own snapshot directory). */
const UNPACK_CONCURRENCY = 3;

/**
 * Pulls an image: resolve → manifest (through an index by platform) → config → layers downloaded
 * in parallel, each applied as soon as it is present (several at once, committed in chain
 * order) → image record stored last.
 */
export async function pullImage(
  svc: ImageServices,
  refText: string,
  opts: PullOptions = {},
): Promise<ImageRecord> {
  const ref = parseReference(refText);
  const name = formatReference(ref);
  const platform = normalizePlatform(opts.platform ?? hostPlatform());
  const client = svc.registry(ref.registry);
  const emit = (p: LayerProgress) => {
    opts.onProgress?.(p);
    svc.events.emit('image.pull.progress', { ...p, ref: name });
  };
  await svc.snapshots.init();

  const top = await client.getManifest(ref.repository, manifestReference(ref));
  let doc = parseManifestDocument(top.data, top.contentType);
  await svc.content.writeBuffer(top.data, top.digest);
  let indexDigest: Digest | undefined;
  let manifestDigest = top.digest;
  let manifestData = top.data;
  if (doc.kind === 'index') {
    indexDigest = top.digest;
    const desc = selectManifest(doc.index, platform);
    const m = await client.getManifest(ref.repository, desc.digest);
    if (m.data.length !== desc.size)
      throw new RuntimeError(
        'INVALID_ARGUMENT',
        `manifest ${desc.digest}: size ${m.data.length}, index says ${desc.size}`,
      );
    doc = parseManifestDocument(m.data, m.contentType);
    if (doc.kind !== 'manifest')
      throw new RuntimeError(
        'INVALID_ARGUMENT',
        `index entry ${desc.digest} is not an image manifest`,
      );
    await svc.content.writeBuffer(m.data, m.digest);
    manifestDigest = m.digest;
    manifestData = m.data;
  }
  const manifest: Manifest = doc.manifest;

  await fetchBlob(svc, client, ref.repository, manifest.config);
  const config = parseImageConfig(await svc.content.readBuffer(manifest.config.digest));
  if (
    indexDigest &&
    config.os &&
    !platformMatches(platform, {
      os: config.os,
      architecture: config.architecture,
      variant: config.variant,
    })
  ) {
    throw new RuntimeError(
      'INVALID_ARGUMENT',
      `image config is for ${config.os}/${config.architecture}, index promised ${formatPlatform(platform)}`,
    );
  }
  const plan = { layers: manifest.layers, diffIds: config.rootfs.diff_ids };
  const chains = planChains(plan);

  const limit = limiter(opts.concurrency ?? 3);
  for (const l of manifest.layers)
    emit({ layer: l.digest, status: 'waiting', current: 0, total: l.size });
  // A layer's apply may start as soon as its download writes its first bytes: it follows the
  // partial file (unpack/follow-file.ts) and waits for the digest check before its commit.
  const ingests = manifest.layers.map(() => deferred<string>());
  const downloads = manifest.layers.map((l, i) =>
    limit(() => fetchBlob(svc, client, ref.repository, l, emit, ingests[i]!.resolve)),
  );
  // Every layer's snapshot is prepared at once, in chain order (so each parent is known to the
  // snapshotter); each apply starts as soon as its blob is here, a few at a time, into its own
  // directory, and the snapshotter commits them in chain order.
  const unpackLimit = limiter(UNPACK_CONCURRENCY);
  const unpacks = manifest.layers.map(async (layer, i) => {
    const gate: ApplyGate = (apply) =>
      Promise.race([ingests[i]!.promise, downloads[i]!.then(() => undefined)]).then((ingest) =>
        unpackLimit(() => applyFrom(ingest, downloads[i]!, apply)),
      );
    const [existed, created] = await Promise.all([
      downloads[i]!,
      unpackLayer(svc, plan, chains, i, emit, gate),
    ]);
    emit({
      layer: layer.digest,
      status: existed && !created ? 'already exists' : 'done',
      current: layer.size,
      total: layer.size,
    });
  });
  await allSettledOrThrow(unpacks); // the lowest layer's error: later ones may only say "parent failed"

  const record: ImageRecord = {
    id: manifest.config.digest,
    configSize: manifest.config.size,
    manifestDigest,
    manifestMediaType: doc.mediaType,
    manifestSize: manifestData.length,
    indexDigest,
    repoTags: ref.tag ? [tagName(ref)] : [],
    repoDigests: [`${repositoryName(ref)}@${indexDigest ?? manifestDigest}`],
    platform: {
      os: config.os || platform.os,
      architecture: config.architecture || platform.architecture,
      variant: config.variant ?? platform.variant,
    },
    layers: manifest.layers.map((l, i) => ({
      digest: l.digest,
      diffId: plan.diffIds[i]!,
      chainId: chains[i]!,
      mediaType: l.mediaType,
      size: l.size,
    })),
    chainId: chains[chains.length - 1],
    created: config.created,
    storedAt: isoTime(),
  };
  const stored = await svc.images.put(record);
  await svc.content.cleanIngests(); // partial downloads a crashed pull left behind
  svc.events.emit('image.pulled', { ref: name, id: stored.id });
  return stored;
}

/**
 * Runs `apply` on the blob's partial file while its download goes on, or — when the download
 * had nothing to fetch or already committed — on the stored blob once the download is done.
 */
async function applyFrom<T>(
  ingest: string | undefined,
  download: Promise<unknown>,
  apply: (blob: LayerBlob) => Promise<T>,
): Promise<T> {
  const fh = ingest === undefined ? undefined : await openIfPresent(ingest);
  if (fh) return apply({ follow: followFile(fh, download), verified: download });
  await download;
  return apply({ stored: true });
}

function deferred<T>(): { promise: Promise<T>; resolve: (v: T) => void } {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** Downloads a blob into the content store (verified); returns true if it was already there. */
async function fetchBlob(
  svc: ImageServices,
  client: RegistryClient,
  repository: string,
  d: Descriptor,
  emit?: (p: LayerProgress) => void,
  onIngest?: (path: string) => void,
): Promise<boolean> {
  let last = 0;
  const r = await svc.content.write(
    d.digest,
    d.size,
    (offset): Promise<{ stream: Readable; offset: number }> =>
      client.openBlob(repository, d.digest, offset),
    {
      onIngest,
      onProgress: (current) => {
        if (!emit || (current - last < PROGRESS_STEP && current !== d.size)) return;
        last = current;
        emit({
          layer: d.digest,
          status: current === d.size ? 'verifying' : 'downloading',
          current,
          total: d.size,
        });
      },
    },
  );
  return r.existed;
}
