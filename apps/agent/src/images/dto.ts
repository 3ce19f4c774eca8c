import type {
  DiskUsage,
  ImageInspect,
  ImagePruneResult,
  ImageSummary,
  LayersReport,
} from '@berth/protocol';
import type {
  DiskUsage as EngineDiskUsage,
  GcResult,
  ImageInspect as EngineImageInspect,
  ImageRecord,
  LayersReport as EngineLayersReport,
} from '@berth/runtime';
import { imageSize } from '@berth/runtime';

/** Pure mappers: runtime records/views → the protocol's DTOs (null instead of undefined). */
export function imageSummaryDto(r: ImageRecord): ImageSummary {
  return {
    id: r.id,
    repoTags: [...r.repoTags],
    repoDigests: [...r.repoDigests],
    size: imageSize(r),
    created: r.created ?? null,
    platform: r.platform.variant
      ? { os: r.platform.os, architecture: r.platform.architecture, variant: r.platform.variant }
      : { os: r.platform.os, architecture: r.platform.architecture },
    dangling: r.repoTags.length === 0,
    layers: r.layers.map((l) => l.digest),
  };
}

export function imageInspectDto(r: ImageRecord, view: EngineImageInspect): ImageInspect {
  const c = view.config;
  return {
    ...imageSummaryDto(r),
    manifestDigest: view.manifestDigest,
    indexDigest: view.indexDigest ?? null,
    chainId: view.chainId ?? null,
    config: {
      env: [...c.env],
      cmd: c.cmd ? [...c.cmd] : null,
      entrypoint: c.entrypoint ? [...c.entrypoint] : null,
      workingDir: c.workingDir,
      user: c.user,
      exposedPorts: [...c.exposedPorts],
      volumes: [...c.volumes],
      labels: { ...c.labels },
      stopSignal: c.stopSignal ?? null,
    },
    history: view.history.map((h) => ({
      created: h.created ?? null,
      createdBy: h.createdBy ?? null,
      comment: h.comment ?? null,
      emptyLayer: h.emptyLayer,
    })),
    layers: view.layers.map((l) => ({ ...l })),
  };
}

export function layersReportDto(r: EngineLayersReport): LayersReport {
  return {
    layers: r.layers.map((l) => ({
      digest: l.digest ?? null,
      chainId: l.chainId,
      diffId: l.diffId,
      compressedSize: l.compressedSize,
      size: l.size,
      images: [...l.images],
    })),
    totalSize: r.totalSize,
    sharedSavings: r.sharedSavings,
  };
}

export function pruneResultDto(deleted: readonly string[], gc: GcResult): ImagePruneResult {
  return {
    deleted: [...deleted],
    blobsRemoved: gc.blobsRemoved,
    snapshotsRemoved: gc.snapshotsRemoved,
    bytesReclaimed: gc.bytesReclaimed,
  };
}

export function diskUsageDto(d: EngineDiskUsage): DiskUsage {
  return { ...d };
}
