import { readFile } from 'node:fs/promises';
import { sha256, type Digest } from '../../src/digest/digest.js';
import { MediaType } from '../../src/image/media-types.js';
import type { Descriptor, ImageConfig } from '../../src/image/manifest.js';
import { RegistryClient } from '../../src/registry/client.js';
import { memoryBlobs, pushTree } from '../../src/image/push.js';
import { parseReference } from '../../src/reference/reference.js';
import type { Credentials } from '../../src/registry/credentials.js';
import { buildLayer, type BuiltLayer, type Compression, type TarEntry } from './tar.js';

/** An image built in memory: its root descriptor (manifest or index) and every blob. */
export interface TestImage {
  readonly root: Descriptor;
  readonly blobs: Map<Digest, Buffer>;
  readonly layers: BuiltLayer[];
  readonly configDigest: Digest;
}

export interface ImageSpec {
  layers: Array<readonly TarEntry[] | BuiltLayer>;
  compression?: Compression;
  config?: Partial<NonNullable<ImageConfig['config']>>;
  architecture?: string;
  variant?: string;
  /** Docker v2 schema2 media types instead of OCI. */
  docker?: boolean;
}

const json = (v: unknown) => Buffer.from(JSON.stringify(v));

export async function buildImage(spec: ImageSpec): Promise<TestImage> {
  const blobs = new Map<Digest, Buffer>();
  const layers: BuiltLayer[] = [];
  for (const l of spec.layers) {
    const built =
      'blob' in l ? l : await buildLayer(l as readonly TarEntry[], spec.compression ?? 'gzip');
    layers.push(built);
    blobs.set(built.digest, built.blob);
  }
  const config = json({
    architecture: spec.architecture ?? 'amd64',
    os: 'linux',
    ...(spec.variant ? { variant: spec.variant } : {}),
    created: '2026-01-01T00:00:00Z',
    config: {
      Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
      Cmd: ['/bin/sh'],
      ...spec.config,
    },
    rootfs: { type: 'layers', diff_ids: layers.map((l) => l.diffId) },
    history: layers.map((_, i) => ({ created: '2026-01-01T00:00:00Z', created_by: `layer ${i}` })),
  });
  blobs.set(sha256(config), config);
  const docker = spec.docker ?? false;
  const manifest = json({
    schemaVersion: 2,
    mediaType: docker ? MediaType.DockerManifest : MediaType.OciManifest,
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
    root: {
      mediaType: docker ? MediaType.DockerManifest : MediaType.OciManifest,
      digest: sha256(manifest),
      size: manifest.length,
    },
    blobs,
    layers,
    configDigest: sha256(config),
  };
}

/** An index over several single-platform images. */
export function buildIndex(
  images: ReadonlyArray<{
    image: TestImage;
    platform: { os: string; architecture: string; variant?: string };
  }>,
  docker = false,
): TestImage {
  const blobs = new Map<Digest, Buffer>();
  for (const { image } of images) for (const [d, b] of image.blobs) blobs.set(d, b);
  const index = json({
    schemaVersion: 2,
    mediaType: docker ? MediaType.DockerManifestList : MediaType.OciIndex,
    manifests: images.map(({ image, platform }) => ({ ...image.root, platform })),
  });
  blobs.set(sha256(index), index);
  return {
    root: {
      mediaType: docker ? MediaType.DockerManifestList : MediaType.OciIndex,
      digest: sha256(index),
      size: index.length,
    },
    blobs,
    layers: images.flatMap((i) => i.image.layers),
    configDigest: images[0]!.image.configDigest,
  };
}

const BUSYBOX_APPLETS = [
  'sh',
  'ls',
  'cat',
  'echo',
  'sleep',
  'true',
  'false',
  'env',
  'id',
  'ps',
  'top',
  'mkdir',
  'rm',
  'touch',
  'wget',
  'httpd',
  'stat',
  'hostname',
  'kill',
];

/** The base layer every test image can share: busybox-static at /bin/busybox plus applet links. */
export async function busyboxLayer(compression: Compression = 'gzip'): Promise<BuiltLayer> {
  const busybox = await readFile('/usr/bin/busybox');
  return buildLayer(
    [
      { name: 'bin/', type: 'directory' },
      { name: 'bin/busybox', data: busybox, mode: 0o755 },
      ...BUSYBOX_APPLETS.map((a) => ({
        name: `bin/${a}`,
        type: 'link' as const,
        linkname: 'bin/busybox',
      })),
      { name: 'etc/', type: 'directory' },
      {
        name: 'etc/passwd',
        data: 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n',
      },
      { name: 'etc/group', data: 'root:x:0:\nnogroup:x:65534:\n' },
      { name: 'tmp/', type: 'directory', mode: 0o1777 },
      { name: 'root/', type: 'directory', mode: 0o700 },
      { name: 'proc/', type: 'directory' },
      { name: 'sys/', type: 'directory' },
      { name: 'dev/', type: 'directory' },
    ],
    compression,
  );
}

/** A runnable busybox image (`/bin/sh`), optionally with extra layers on top. */
export async function buildBusyboxImage(
  opts: {
    extraLayers?: TarEntry[][];
    config?: ImageSpec['config'];
    compression?: Compression;
  } = {},
): Promise<TestImage> {
  return buildImage({
    layers: [await busyboxLayer(opts.compression), ...(opts.extraLayers ?? [])],
    config: opts.config,
    compression: opts.compression,
  });
}

/** Pushes a test image with Berth's own push code. `ref` like `127.0.0.1:5000/busybox:latest`. */
export async function pushTestImage(
  ref: string,
  image: TestImage,
  credentials?: Credentials,
): Promise<Digest> {
  const r = parseReference(ref);
  const client = new RegistryClient(r.registry, { credentials: async () => credentials });
  return pushTree(client, r.repository, r.tag ?? 'latest', image.root, memoryBlobs(image.blobs));
}
