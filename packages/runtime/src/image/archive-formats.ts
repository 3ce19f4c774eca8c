import * as z from 'zod';
import type { Digest } from '../digest/digest.js';
import { invalidArgument } from '../errors.js';
import { MediaType } from '../media-types.js';
import { familiarName, parseReference, tagName } from '../reference/reference.js';
import { descriptorSchema, type Descriptor } from './manifest.js';

// The documents of the two archive formats `docker save` writes and `docker load` reads, and the
// pure decisions about them. Docker ≤ 24: `manifest.json` + `<id>.json` + `<layer>/layer.tar`.
// Docker ≥ 25 and Berth: an OCI image layout (`oci-layout`, `index.json`, `blobs/sha256/*`) with
// `manifest.json` and `repositories` beside it pointing into `blobs/`, so both kinds of loader read it.

export const REF_NAME = 'org.opencontainers.image.ref.name';
export const FULL_NAME = 'io.containerd.image.name';

export const layoutIndexSchema = z.object({
  schemaVersion: z.literal(2),
  manifests: z.array(descriptorSchema),
});

/** One entry of Docker's `manifest.json`. */
export const dockerManifestEntrySchema = z.object({
  Config: z.string().min(1),
  RepoTags: z.array(z.string()).nullish(),
  Layers: z.array(z.string().min(1)),
  Parent: z.string().optional(),
  LayerSources: z.record(z.string(), z.unknown()).nullish(),
});
export const dockerManifestSchema = z.array(dockerManifestEntrySchema);
export type DockerManifestEntry = z.infer<typeof dockerManifestEntrySchema>;

/** Pure: Docker's tags in an archive → normalized tag names; a bad one is refused, as Docker does. */
export function archiveTags(repoTags: readonly string[] | null | undefined): string[] {
  return (repoTags ?? []).map((t) => {
    const ref = parseReference(t);
    if (ref.digest) throw invalidArgument(`archive tag "${t}" is a digest reference`);
    return tagName(ref);
  });
}

/**
 * Pure: the name an OCI layout's index entry gives its image. `io.containerd.image.name` is a full
 * name; `org.opencontainers.image.ref.name` is often only a tag (`latest`, `1.0`) and then names
 * no repository, so it counts only when it looks like one (has a `/` or a `:`).
 */
export function layoutEntryName(desc: Descriptor): string | undefined {
  const candidates = [desc.annotations?.[FULL_NAME], desc.annotations?.[REF_NAME]];
  for (const [i, c] of candidates.entries()) {
    if (!c || (i === 1 && !/[/:]/.test(c))) continue;
    try {
      const ref = parseReference(c);
      if (!ref.digest) return tagName(ref);
    } catch {
      // not a reference: no name
    }
  }
  return undefined;
}

/** Pure: a layer's media type from its first bytes (gzip, zstd, else a plain tar). */
export function sniffLayerMediaType(head: Buffer): string {
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return MediaType.OciLayerGzip;
  if (head.length >= 4 && head.readUInt32LE(0) === 0xfd2fb528) return MediaType.OciLayerZstd;
  return MediaType.OciLayer;
}

/** Pure: the OCI manifest an image loaded from a Docker archive is stored under. */
export function manifestForDockerArchive(
  config: { digest: Digest; size: number },
  layers: ReadonlyArray<{ digest: Digest; size: number; mediaType: string }>,
): Buffer {
  return Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: MediaType.OciManifest,
      config: { mediaType: MediaType.OciConfig, digest: config.digest, size: config.size },
      layers: layers.map((l) => ({ mediaType: l.mediaType, digest: l.digest, size: l.size })),
    }),
  );
}

/** What Berth writes for one image in its archives. */
export interface SavedImage {
  readonly config: Digest;
  readonly layers: readonly Digest[];
  /** Normalized tag names (`docker.io/library/busybox:latest`). */
  readonly names: readonly string[];
}

/** Pure: Docker's `manifest.json` for saved images, pointing into `blobs/sha256/`. */
export function dockerManifestJson(images: readonly SavedImage[]): Buffer {
  return Buffer.from(
    JSON.stringify(
      images.map((i) => ({
        Config: blobName(i.config),
        RepoTags: i.names.length ? i.names.map((n) => familiarName(parseReference(n))) : null,
        Layers: i.layers.map(blobName),
      })),
    ),
  );
}

/**
 * Pure: Docker's legacy `repositories` file (`{"busybox":{"latest":"<top layer>"}}`). Only loaders
 * older than `manifest.json` (Docker < 1.10) read it; kept because `docker save` writes it.
 */
export function repositoriesJson(images: readonly SavedImage[]): Buffer {
  const out: Record<string, Record<string, string>> = {};
  for (const i of images) {
    const top = i.layers[i.layers.length - 1];
    if (!top) continue;
    for (const n of i.names) {
      const ref = parseReference(n);
      const repo = familiarName({ ...ref, tag: undefined, digest: undefined });
      (out[repo] ??= {})[ref.tag ?? 'latest'] = top.slice(7);
    }
  }
  return Buffer.from(JSON.stringify(out));
}

export function blobName(d: Digest): string {
  return `blobs/sha256/${d.slice(7)}`;
}
