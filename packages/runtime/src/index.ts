// @berth/runtime's public surface: what a host of the engine (the agent) builds on. Named on
// purpose — modules not listed here are the engine's own business (see README.md).

// Errors: one type, a closed code set.
export { RuntimeError, RuntimeErrorCode, isRuntimeError } from './errors.js';

// Retry loops: one jittered exponential backoff (the agent's link uses it too).
export { backoffDelay, sleep, type BackoffOptions } from './backoff.js';
// Sorting names, ids and ISO times as localeCompare does, without loading ICU's collator.
export { compareText } from './text-order.js';

// Images: the facade, and the records and reports it returns.
export {
  ImageEngine,
  type ImageEngineOptions,
  type DiskUsage,
  type RemoveResult,
  type TransferOptions,
} from './engine.js';
export type { LoadedImage } from './image/archive-load.js';
export type { ImageInspect, ImageSummary } from './image/inspect.js';
export { imageSize, type ImageRecord } from './image/records.js';
export type { ImageConfig } from './image/manifest.js';
export type { Platform } from './image/platform.js';
export type { GcResult } from './gc/gc.js';
export type { LayersReport } from './gc/layers.js';
export type { Credentials } from './registry/credentials.js';
export type { ImageEvents, LayerProgress, LayerStatus } from './events.js';
export type { Digest } from './digest/digest.js';
export {
  familiarName,
  parseReference,
  repositoryName,
  tagName,
  type ImageReference,
} from './reference/reference.js';

// The stores' contracts, by role, and the implementations the engine composes.
export type {
  BlobFiles,
  BlobInfo,
  BlobSource,
  ContentStore,
  IngestManager,
  Ingester,
  Manager as ContentManager,
  Provider as ContentProvider,
  WriteOptions,
  WriteResult,
} from './content/content.js';
export { LocalContentStore } from './content/local-store.js';
export type {
  LayerApplier,
  SnapshotInfo,
  SnapshotPreparer,
  SnapshotReader,
  SnapshotRemover,
  SnapshotUsers,
  Snapshotter,
} from './snapshot/snapshotter.js';
export { OverlaySnapshotter } from './snapshot/overlay-snapshotter.js';
export type { Mount, WritableLayer } from './snapshot/mounts.js';
export type { ImageReader, ImageStore, ImageTagger, ImageWriter } from './image/image-store.js';
export { FileImageStore } from './image/file-store.js';

// Containers: the manager, its records and events, and what it is composed of.
export { openContainerManager, type OpenContainersOptions } from './container/factory.js';
export { ContainerManager } from './container/manager.js';
export type { ContainerRecord } from './container/record.js';
export { CONTAINER_STATES, type ContainerState } from './container/state.js';
export type {
  ContainerEvent,
  ContainerEventType,
  ContainerManagerOptions,
  RootfsProvider,
} from './container/deps.js';
export type { CreateOptionsInput, CreateRequestInput } from './container/create-options.js';
export type { ResourceUpdateInput } from './container/update.js';
export type { ReconcileReport } from './container/reconcile.js';
export type { ExitInfo } from './container/supervisor.js';
export type { ContainerStatsHandle } from './container/stats-handle.js';
export type { AttachOptions } from './container/attach.js';
export type { AttachSession, AttachDataListener } from './container/attach-session.js';
export { ImageRootfs, type ImageRootfsOptions } from './rootfs/image-rootfs.js';
export { runConfigFromImage, type RunConfig } from './oci-spec/options.js';
export { applyLayer, type ApplyOptions, type ApplyResult } from './unpack/apply.js';
export { containerEnv } from './oci-spec/process.js';
export type { Volume } from './volume/volume-store.js';

// Exec and terminals.
export type { ExecSession, ExecExit } from './exec/exec-session.js';
export { closeAttachReaders } from './exec/attach-reader.js';
export type { ExecOptionsInput, TerminalSize } from './exec/options.js';
export type { ExecResult } from './exec/run-exec.js';

// Logs and stats.
export type { LogEntry } from './monitor/log-line.js';
export type { ReadLogsOptions } from './monitor/log-reader.js';
export type { CpuStats, NetworkStats, Stats } from './cgroup/stats.js';
export { StatFile } from './cgroup/stat-file.js';
export { percentOfHost, percentOfLimit, type CpuSample } from './cgroup/cpu-percent.js';

// Confinement: what the host supports (seccomp, AppArmor, cgroup namespaces, rro mounts).
export { detectHostConfinement, type DetectOptions } from './confinement/detect.js';
export type { HostConfinement } from './oci-spec/confinement.js';

// Archives of a container's filesystem (docker cp, export): paths resolved inside its root.
export {
  extractInto,
  packTree,
  resolveInRoot,
  statInRoot,
  validateArchive,
  type PathStat,
  type ResolvedPath,
} from './archive/index.js';

// Networks: user-defined bridge networks with DNS (the agent's networks module, the Docker API).
export {
  NetworkManager,
  type NetworkEvent,
  type NetworkEventType,
  type NetworkRequest,
} from './network/network-manager.js';
export type { CreateNetworkInput } from './network/network-plan.js';
export { findPortConflict, parsePortSpec, type PortMapping } from './network/ports.js';
export type { NetworkRecord } from './network/network-record.js';
export type { NetworkEndpoint, NetworkMode } from './network/endpoint.js';
export {
  DEFAULT_ADDRESS_POOLS,
  parseAddressPool,
  type AddressPool,
} from './network/subnet-pool.js';
export { ExecProcess } from './exec/exec-process.js';
export * from './spawner/index.js';
