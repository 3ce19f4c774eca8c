import { createHash } from 'node:crypto';
import type { ImageRecord } from '@berth/runtime';
import type { DockerImageConfig } from '../types/image.js';

/** A sha256 digest of a word (fixtures only). */
export function digestOf(word: string): `sha256:${string}` {
  return `sha256:${createHash('sha256').update(word).digest('hex')}`;
}

/** An image record with two layers (fixtures for the pure translation tests). */
export function imageRecord(over: Partial<ImageRecord> = {}): ImageRecord {
  return {
    id: digestOf('config'),
    configSize: 100,
    manifestDigest: digestOf('manifest'),
    manifestMediaType: 'application/vnd.oci.image.manifest.v1+json',
    manifestSize: 400,
    repoTags: ['docker.io/library/busybox:latest'],
    repoDigests: [`docker.io/library/busybox@${digestOf('manifest')}`],
    platform: { os: 'linux', architecture: 'amd64' },
    layers: [
      {
        digest: digestOf('blob1'),
        diffId: digestOf('diff1'),
        chainId: digestOf('chain1'),
        mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
        size: 10,
      },
      {
        digest: digestOf('blob2'),
        diffId: digestOf('diff2'),
        chainId: digestOf('chain2'),
        mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
        size: 20,
      },
    ],
    chainId: digestOf('chain2'),
    created: '2026-01-02T03:04:05Z',
    storedAt: '2026-01-03T00:00:00Z',
    ...over,
  };
}

/** The matching config: two layer-making steps around an ENV step. */
export function imageConfig(over: Partial<DockerImageConfig> = {}): DockerImageConfig {
  return {
    architecture: 'amd64',
    os: 'linux',
    created: '2026-01-02T03:04:05Z',
    config: { Env: ['PATH=/bin'], Cmd: ['sh'], Labels: { tier: 'db' }, StopSignal: 'SIGINT' },
    rootfs: { type: 'layers', diff_ids: [digestOf('diff1'), digestOf('diff2')] },
    history: [
      { created: '2026-01-01T00:00:00Z', created_by: 'ADD rootfs /' },
      { created: '2026-01-01T00:00:01Z', created_by: 'ENV PATH=/bin', empty_layer: true },
      { created: '2026-01-02T03:04:05Z', created_by: 'RUN make', comment: 'built' },
    ],
    ...over,
  };
}
