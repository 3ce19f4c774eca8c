import { buildLayer, type BuiltLayer, type Compression } from './layers.js';
import { hostArchitecture, MediaType, sha256, type Descriptor, type Digest } from './oci.js';
import type { TarEntry } from './tar.js';

/** An image built in memory: its root descriptor (manifest or index) and every blob. */
export interface TestImage {
  readonly root: Descriptor;
  readonly blobs: Map<Digest, Buffer>;
  readonly layers: BuiltLayer[];
  readonly configDigest: Digest;
}

export interface ImageSpec {
  /** Bottom first: built layers, or tar entries to build with `compression`. */
  layers: ReadonlyArray<readonly TarEntry[] | BuiltLayer>;
  compression?: Compression;
  /** Merged over `Env: [PATH=…]`, `Cmd: ['/bin/sh']` (the image config's `config` object). */
  config?: ImageRunConfig;
  /** Default: the host's (so the image runs here). */
  architecture?: string;
  variant?: string;
  /** Docker v2 schema2 media types instead of OCI. */
  docker?: boolean;
}

/** The runtime part of an image config, as the OCI image spec names its fields. */
export interface ImageRunConfig {
  User?: string;
  ExposedPorts?: Record<string, object>;
  Env?: string[];
  Entrypoint?: string[] | null;
  Cmd?: string[] | null;
  Volumes?: Record<string, object>;
  WorkingDir?: string;
  Labels?: Record<string, string>;
  StopSignal?: string;
  /** Docker's HEALTHCHECK (durations in ns). */
  Healthcheck?: {
    Test: string[];
    Interval?: number;
    Timeout?: number;
    StartPeriod?: number;
    Retries?: number;
  };
}

const CREATED = '2026-01-01T00:00:00Z';
const json = (v: unknown) => Buffer.from(JSON.stringify(v));
const isBuilt = (l: readonly TarEntry[] | BuiltLayer): l is BuiltLayer => 'blob' in l;

/** A single-platform image (OCI, or Docker schema2 with `docker`) over the given layers. */
export async function buildImage(spec: ImageSpec): Promise<TestImage> {
  const blobs = new Map<Digest, Buffer>();
  const layers: BuiltLayer[] = [];
  for (const l of spec.layers) {
    const built = isBuilt(l) ? l : await buildLayer(l, spec.compression ?? 'gzip');
    layers.push(built);
    blobs.set(built.digest, built.blob);
  }
  const config = json({
    architecture: spec.architecture ?? hostArchitecture(),
    os: 'linux',
    ...(spec.variant ? { variant: spec.variant } : {}),
    created: CREATED,
    config: {
      Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
      Cmd: ['/bin/sh'],
      ...spec.config,
    },
    rootfs: { type: 'layers', diff_ids: layers.map((l) => l.diffId) },
    history: layers.map((_, i) => ({ created: CREATED, created_by: `layer ${i}` })),
  });
  blobs.set(sha256(config), config);
  const docker = spec.docker ?? false;
  const mediaType = docker ? MediaType.DockerManifest : MediaType.OciManifest;
  const manifest = json({
    schemaVersion: 2,
    mediaType,
    config: {
      mediaType: docker ? MediaType.DockerConfig : MediaType.OciConfig,
      digest: sha256(config),
      size: config.length,
    },
    layers: layers.map((l) => ({
      mediaType: docker ? MediaType.DockerLayerGzip : l.mediaType,
      digest: l.digest,
      size: l.blob.length,
    })),
  });
  blobs.set(sha256(manifest), manifest);
  return {
    root: { mediaType, digest: sha256(manifest), size: manifest.length },
    blobs,
    layers,
    configDigest: sha256(config),
  };
}

/** An index (or Docker manifest list) over several single-platform images. */
export function buildIndex(
  images: ReadonlyArray<{
    image: TestImage;
    platform: { os: string; architecture: string; variant?: string };
  }>,
  docker = false,
): TestImage {
  if (images.length === 0) throw new Error('buildIndex needs at least one image');
  const blobs = new Map<Digest, Buffer>();
  for (const { image } of images) for (const [d, b] of image.blobs) blobs.set(d, b);
  const mediaType = docker ? MediaType.DockerManifestList : MediaType.OciIndex;
  const index = json({
    schemaVersion: 2,
    mediaType,
    manifests: images.map(({ image, platform }) => ({ ...image.root, platform })),
  });
  blobs.set(sha256(index), index);
  return {
    root: { mediaType, digest: sha256(index), size: index.length },
    blobs,
    layers: images.flatMap((i) => i.image.layers),
    configDigest: images[0]!.image.configDigest,
  };
}
