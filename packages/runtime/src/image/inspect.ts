import type { Digest } from '../digest/digest.js';
import type { ImageConfig } from './manifest.js';
import { imageSize, type ImageRecord } from './records.js';

export interface ImageSummary {
  readonly id: Digest;
  readonly repoTags: readonly string[];
  readonly repoDigests: readonly string[];
  /** Compressed size: config + layer blobs. */
  readonly size: number;
  readonly created: string | undefined;
  readonly platform: {
    readonly os: string;
    readonly architecture: string;
    readonly variant?: string | undefined;
  };
  readonly dangling: boolean;
}

export interface ImageInspect extends ImageSummary {
  readonly manifestDigest: Digest;
  readonly indexDigest: Digest | undefined;
  readonly chainId: Digest | undefined;
  readonly config: {
    readonly env: readonly string[];
    readonly cmd: readonly string[] | null;
    readonly entrypoint: readonly string[] | null;
    readonly workingDir: string;
    readonly user: string;
    readonly exposedPorts: readonly string[];
    readonly volumes: readonly string[];
    readonly labels: Readonly<Record<string, string>>;
    readonly stopSignal: string | undefined;
    /** The image's HEALTHCHECK in Docker's shape (durations in ns), null when it has none. */
    readonly healthcheck: ImageHealthcheck | null;
  };
  readonly history: ReadonlyArray<{
    created?: string | undefined;
    createdBy?: string | undefined;
    comment?: string | undefined;
    emptyLayer: boolean;
  }>;
  readonly layers: ReadonlyArray<{
    digest: Digest;
    diffId: Digest;
    chainId: Digest;
    mediaType: string;
    size: number;
  }>;
}

export interface ImageHealthcheck {
  readonly test: readonly string[];
  readonly interval: number;
  readonly timeout: number;
  readonly retries: number;
  readonly startPeriod: number;
  readonly startInterval: number;
}

export function summarize(r: ImageRecord): ImageSummary {
  return {
    id: r.id,
    repoTags: r.repoTags,
    repoDigests: r.repoDigests,
    size: imageSize(r),
    created: r.created,
    platform: r.platform,
    dangling: r.repoTags.length === 0,
  };
}

/** Merges a record with its parsed config into the inspect view (pure). */
export function inspectView(r: ImageRecord, config: ImageConfig): ImageInspect {
  const c = config.config ?? {};
  return {
    ...summarize(r),
    manifestDigest: r.manifestDigest,
    indexDigest: r.indexDigest,
    chainId: r.chainId,
    config: {
      env: c.Env ?? [],
      cmd: c.Cmd ?? null,
      entrypoint: c.Entrypoint ?? null,
      workingDir: c.WorkingDir ?? '',
      user: c.User ?? '',
      exposedPorts: Object.keys(c.ExposedPorts ?? {}),
      volumes: Object.keys(c.Volumes ?? {}),
      labels: c.Labels ?? {},
      stopSignal: c.StopSignal,
      healthcheck: c.Healthcheck
        ? {
            test: c.Healthcheck.Test ?? [],
            interval: c.Healthcheck.Interval ?? 0,
            timeout: c.Healthcheck.Timeout ?? 0,
            retries: c.Healthcheck.Retries ?? 0,
            startPeriod: c.Healthcheck.StartPeriod ?? 0,
            startInterval: c.Healthcheck.StartInterval ?? 0,
          }
        : null,
    },
    history: (config.history ?? []).map((h) => ({
      created: h.created,
      createdBy: h.created_by,
      comment: h.comment,
      emptyLayer: h.empty_layer ?? false,
    })),
    layers: r.layers,
  };
}
