import type { SystemInfo } from '@berth/protocol';
import { DOCKER_API_VERSION, DOCKER_MIN_API_VERSION } from '../api-version.js';
import type { DockerInfo, DockerVersion } from '../types/system.js';
import { isoTime } from '@berth/log';

/** Node's `os.arch()` → Go's GOARCH, which Docker reports. */
export function goArch(nodeArch: string): string {
  const map: Record<string, string> = { x64: 'amd64', ia32: '386', arm64: 'arm64', arm: 'arm' };
  return map[nodeArch] ?? nodeArch;
}

/** Node's `os.arch()` → `uname -m`, which Docker reports as `Architecture`. */
export function unameMachine(nodeArch: string): string {
  const map: Record<string, string> = { x64: 'x86_64', ia32: 'i686', arm64: 'aarch64' };
  return map[nodeArch] ?? nodeArch;
}

/** Pure: Berth's facts → Docker's `/version`. */
export function toDockerVersion(info: SystemInfo, agentVersion: string): DockerVersion {
  const f = info.facts;
  const details = {
    ApiVersion: DOCKER_API_VERSION,
    MinAPIVersion: DOCKER_MIN_API_VERSION,
    Os: 'linux',
    Arch: goArch(f.arch),
    KernelVersion: f.kernel,
    GitCommit: '',
    GoVersion: process.version,
    BuildTime: '',
    Experimental: 'false',
  };
  return {
    Platform: { Name: 'Berth' },
    Components: [
      { Name: 'Engine', Version: agentVersion, Details: details },
      ...(f.runtimes.runc
        ? [{ Name: 'runc', Version: f.runtimes.runc, Details: { GitCommit: '' } }]
        : []),
      ...(f.runtimes.conmon
        ? [{ Name: 'conmon', Version: f.runtimes.conmon, Details: { GitCommit: '' } }]
        : []),
    ],
    Version: agentVersion,
    ApiVersion: DOCKER_API_VERSION,
    MinAPIVersion: DOCKER_MIN_API_VERSION,
    GitCommit: '',
    GoVersion: process.version,
    Os: 'linux',
    Arch: goArch(f.arch),
    KernelVersion: f.kernel,
    BuildTime: '',
  };
}

export interface InfoCounts {
  running: number;
  paused: number;
  stopped: number;
  images: number;
}

const commit = { ID: '', Expected: '' };

/** Pure: Berth's system info and counts → Docker's `/info`. */
export function toDockerInfo(
  info: SystemInfo,
  counts: InfoCounts,
  now: Date,
  agentVersion: string,
): DockerInfo {
  const f = info.facts;
  return {
    ID: info.hostId ?? f.hostname,
    Containers: counts.running + counts.paused + counts.stopped,
    ContainersRunning: counts.running,
    ContainersPaused: counts.paused,
    ContainersStopped: counts.stopped,
    Images: counts.images,
    Driver: 'overlay',
    DriverStatus: [['Backing Filesystem', 'overlayfs snapshots (Berth)']],
    DockerRootDir: info.dataRoot,
    Plugins: {
      Volume: ['local'],
      Network: ['bridge', 'host', 'null'],
      Authorization: null,
      Log: ['k8s-file'],
    },
    MemoryLimit: true,
    SwapLimit: true,
    KernelMemory: false,
    CpuCfsPeriod: true,
    CpuCfsQuota: true,
    CPUShares: true,
    CPUSet: true,
    PidsLimit: true,
    OomKillDisable: false,
    IPv4Forwarding: true,
    BridgeNfIptables: true,
    BridgeNfIp6tables: true,
    Debug: false,
    NFd: 0,
    NGoroutines: 0,
    SystemTime: isoTime(now.getTime()),
    LoggingDriver: 'k8s-file',
    CgroupDriver: 'cgroupfs',
    CgroupVersion: String(f.cgroupVersion),
    NEventsListener: 0,
    KernelVersion: f.kernel,
    OperatingSystem: f.os,
    OSVersion: '',
    OSType: 'linux',
    Architecture: unameMachine(f.arch),
    IndexServerAddress: 'https://index.docker.io/v1/',
    RegistryConfig: {
      AllowNondistributableArtifactsCIDRs: [],
      AllowNondistributableArtifactsHostnames: [],
      InsecureRegistryCIDRs: ['127.0.0.0/8'],
      IndexConfigs: {},
      Mirrors: [],
    },
    NCPU: f.cpus,
    MemTotal: f.memoryBytes,
    GenericResources: null,
    HttpProxy: '',
    HttpsProxy: '',
    NoProxy: '',
    Name: f.hostname,
    Labels: [],
    ExperimentalBuild: false,
    ServerVersion: agentVersion,
    Runtimes: { runc: { path: 'runc' } },
    DefaultRuntime: 'runc',
    Swarm: {
      NodeID: '',
      NodeAddr: '',
      LocalNodeState: 'inactive',
      ControlAvailable: false,
      Error: '',
      RemoteManagers: null,
    },
    LiveRestoreEnabled: true,
    Isolation: '',
    InitBinary: 'catatonit',
    ContainerdCommit: commit,
    RuncCommit: commit,
    InitCommit: commit,
    SecurityOptions: [],
    Warnings: null,
  };
}
