import { dirname, join } from 'node:path';
import type { Health } from '@berth/protocol';
import type { ContainerRecord } from '@berth/runtime';
import type {
  DockerContainerConfig,
  DockerContainerInspect,
  DockerContainerState,
  DockerHealth,
  DockerHostConfig,
  DockerMountPoint,
  DockerNetworkSettings,
  DockerPortMap,
} from '../types/container.js';
import { containerNetworksOf, networkModeOf, type NetworkNaming } from './endpoints.js';
import { mergeEnv, optionsOf, type Options } from './options.js';

/** Docker's zero time, which it reports for never-started/never-finished containers. */
export const ZERO_TIME = '0001-01-01T00:00:00Z';

/** Facts about the host the pure translation needs. */
export interface InspectContext {
  /** `<data-root>/volumes/<name>/_data`. */
  volumeMountpoint: (name: string) => string;
  /** The default bridge network's prefix length (e.g. 16 for 10.88.0.0/16). */
  bridgePrefixLen: number;
  /** Open exec sessions of this container. */
  execIds: string[];
  naming: NetworkNaming;
  /** The health check's state while one runs (Docker's `State.Health`). */
  health?: Health | null;
}

/** Pure: the argv Docker reports as `Path` + `Args` (entrypoint + cmd, as Docker computes them). */
export function commandOf(rec: ContainerRecord): string[] {
  const o = optionsOf(rec);
  const userEntrypoint = o.strs('entrypoint');
  const entrypoint = userEntrypoint ?? rec.image.config.entrypoint ?? [];
  const cmd = o.strs('cmd') ?? (userEntrypoint ? [] : (rec.image.config.cmd ?? []));
  return [...entrypoint, ...cmd];
}

/** Pure: the agent's health record → Docker's `State.Health`. */
export function dockerHealthOf(h: Health): DockerHealth {
  return {
    Status: h.status,
    FailingStreak: h.failingStreak,
    Log: h.log.map((l) => ({ Start: l.start, End: l.end, ExitCode: l.exitCode, Output: l.output })),
  };
}

export function stateOf(rec: ContainerRecord, health?: Health | null): DockerContainerState {
  const live = rec.state === 'running' || rec.state === 'paused';
  return {
    Status: rec.state,
    Running: live,
    Paused: rec.state === 'paused',
    Restarting: false,
    OOMKilled: rec.oomKilled,
    Dead: false,
    Pid: live ? (rec.pid ?? 0) : 0,
    ExitCode: rec.exitCode ?? 0,
    Error: '',
    StartedAt: rec.startedAt ?? ZERO_TIME,
    FinishedAt: rec.finishedAt ?? ZERO_TIME,
    ...(health ? { Health: dockerHealthOf(health) } : {}),
  };
}

/** Pure: published ports keyed `80/tcp` (HostConfig.PortBindings). */
export function publishedPortsOf(rec: ContainerRecord): DockerPortMap {
  return portMapOf(rec, []);
}

/** Pure: published ports (+ exposed-only ones as null), keyed `80/tcp` (NetworkSettings.Ports). */
export function portMapOf(rec: ContainerRecord, exposed: readonly string[]): DockerPortMap {
  const map: DockerPortMap = {};
  for (const p of exposed) map[p.includes('/') ? p : `${p}/tcp`] = null;
  for (const p of rec.network.ports) {
    const key = `${p.containerPort}/${p.protocol}`;
    const list = map[key] ?? [];
    list.push({ HostIp: p.hostIp, HostPort: String(p.hostPort) });
    map[key] = list;
  }
  return map;
}

/** Pure: the record's volume specs and tmpfs → Docker's `Mounts`. */
export function mountPointsOf(
  o: Options,
  volumeMountpoint: (name: string) => string,
): DockerMountPoint[] {
  const out: DockerMountPoint[] = [];
  for (const spec of o.strs('volumes') ?? []) {
    const [source = '', destination = '', mode = ''] = spec.split(':');
    const rw = mode !== 'ro';
    if (source.startsWith('/'))
      out.push({
        Type: 'bind',
        Source: source,
        Destination: destination,
        Mode: mode,
        RW: rw,
        Propagation: 'rprivate',
      });
    else
      out.push({
        Type: 'volume',
        Name: source,
        Source: volumeMountpoint(source),
        Destination: destination,
        Driver: 'local',
        Mode: mode === '' ? 'z' : mode,
        RW: rw,
        Propagation: '',
      });
  }
  for (const destination of Object.keys(o.rec('tmpfs')))
    out.push({
      Type: 'tmpfs',
      Source: '',
      Destination: destination,
      Mode: '',
      RW: true,
      Propagation: '',
    });
  return out;
}

/** Pure: Berth's `restart` option → Docker's RestartPolicy. */
function restartPolicyOf(rec: ContainerRecord): DockerHostConfig['RestartPolicy'] {
  const rp = rec.restartPolicy;
  return { Name: rp.name, MaximumRetryCount: rp.maximumRetryCount };
}

export function hostConfigOf(
  rec: ContainerRecord,
  o: Options,
  naming: NetworkNaming,
): DockerHostConfig {
  const cpus = o.num('cpus');
  const quota = o.docker.cpuQuota ?? 0;
  const memSwap = o.num('memorySwap');
  const ulimits = Array.isArray(rec.options.ulimits)
    ? (rec.options.ulimits as Array<{ name: string; soft: number; hard: number }>).map((u) => ({
        Name: u.name,
        Soft: u.soft,
        Hard: u.hard,
      }))
    : null;
  return {
    Binds: o.docker.binds ?? null,
    ContainerIDFile: '',
    LogConfig: { Type: o.docker.logType || 'k8s-file', Config: {} },
    NetworkMode: networkModeOf(rec, o, naming),
    PortBindings: publishedPortsOf(rec),
    RestartPolicy: restartPolicyOf(rec),
    AutoRemove: o.bool('autoRemove'),
    VolumeDriver: '',
    VolumesFrom: null,
    CapAdd: o.strs('capAdd')?.length ? o.strs('capAdd') : null,
    CapDrop: o.strs('capDrop')?.length ? o.strs('capDrop') : null,
    CgroupnsMode: 'host',
    Dns: o.strs('dns') ?? [],
    DnsOptions: [],
    DnsSearch: [],
    ExtraHosts: o.strs('extraHosts'),
    GroupAdd: null,
    IpcMode: 'private',
    Cgroup: '',
    Links: null,
    OomScoreAdj: 0,
    PidMode: '',
    Privileged: o.bool('privileged'),
    PublishAllPorts: false,
    ReadonlyRootfs: o.bool('readOnly'),
    SecurityOpt: null,
    ...(Object.keys(o.rec('tmpfs')).length ? { Tmpfs: o.rec('tmpfs') } : {}),
    UTSMode: '',
    UsernsMode: '',
    ShmSize: o.num('shmSize') ?? 64 * 1024 * 1024,
    Runtime: 'runc',
    Isolation: '',
    CpuShares: o.num('cpuShares') ?? 0,
    Memory: o.num('memory') ?? 0,
    NanoCpus: cpus !== null && quota === 0 ? Math.round(cpus * 1e9) : 0,
    CgroupParent: '',
    BlkioWeight: o.num('blkioWeight') ?? 0,
    CpuPeriod: quota ? (o.docker.cpuPeriod ?? 0) : 0,
    CpuQuota: quota,
    CpusetCpus: o.str('cpusetCpus') ?? '',
    CpusetMems: '',
    MemoryReservation: o.num('memoryReservation') ?? 0,
    MemorySwap: memSwap ?? 0,
    MemorySwappiness: null,
    OomKillDisable: false,
    PidsLimit: o.num('pidsLimit'),
    Ulimits: ulimits,
    Init: o.bool('init') ? true : null,
    MaskedPaths: null,
    ReadonlyPaths: null,
  };
}

export function configOf(rec: ContainerRecord, o: Options): DockerContainerConfig {
  const userEntrypoint = o.strs('entrypoint');
  const exposed =
    o.docker.exposedPorts ?? rec.network.ports.map((p) => `${p.containerPort}/${p.protocol}`);
  const hc = o.docker.healthcheck;
  return {
    Hostname: o.str('hostname') ?? rec.id.slice(0, 12),
    Domainname: o.docker.domainname ?? '',
    User: o.str('user') ?? rec.image.config.user ?? '',
    AttachStdin: o.docker.attachStdin ?? false,
    AttachStdout: o.docker.attachStdout ?? false,
    AttachStderr: o.docker.attachStderr ?? false,
    ...(exposed.length ? { ExposedPorts: Object.fromEntries(exposed.map((p) => [p, {}])) } : {}),
    Tty: o.bool('tty'),
    OpenStdin: o.bool('openStdin'),
    StdinOnce: o.docker.stdinOnce ?? false,
    Env: mergeEnv(rec.image.config.env ?? [], o.strs('env') ?? []),
    Cmd: o.strs('cmd') ?? (userEntrypoint ? null : (rec.image.config.cmd ?? null)),
    ...(hc
      ? {
          Healthcheck: {
            Test: hc.Test ?? [],
            ...(hc.Interval ? { Interval: hc.Interval } : {}),
            ...(hc.Timeout ? { Timeout: hc.Timeout } : {}),
            ...(hc.Retries ? { Retries: hc.Retries } : {}),
            ...(hc.StartPeriod ? { StartPeriod: hc.StartPeriod } : {}),
          },
        }
      : {}),
    Image: o.str('image') ?? rec.image.ref ?? '',
    Volumes: o.docker.configVolumes?.length
      ? Object.fromEntries(o.docker.configVolumes.map((v) => [v, {}]))
      : null,
    WorkingDir: o.str('workdir') ?? rec.image.config.workingDir ?? '',
    Entrypoint: userEntrypoint?.length
      ? userEntrypoint
      : userEntrypoint
        ? null
        : (rec.image.config.entrypoint ?? null),
    OnBuild: null,
    Labels: { ...rec.labels },
    ...(o.str('stopSignal') || rec.stopSignal !== 'SIGTERM' ? { StopSignal: rec.stopSignal } : {}),
    ...(o.num('stopTimeout') !== null ? { StopTimeout: o.num('stopTimeout')! } : {}),
  };
}

/**
 * Pure: `NetworkSettings`: every network in `Networks`; the legacy top-level address fields
 * describe the default bridge only, as in Docker (empty for a container on user networks only).
 */
export function networkSettingsOf(
  rec: ContainerRecord,
  o: Options,
  ctx: Pick<InspectContext, 'naming' | 'bridgePrefixLen'>,
): DockerNetworkSettings {
  const networks = containerNetworksOf(rec, ctx.naming, ctx.bridgePrefixLen);
  const ep = networks.bridge;
  return {
    Bridge: '',
    SandboxID: rec.network.netnsPath ? rec.id : '',
    HairpinMode: false,
    LinkLocalIPv6Address: '',
    LinkLocalIPv6PrefixLen: 0,
    Ports:
      rec.state === 'running' || rec.state === 'paused'
        ? portMapOf(rec, o.docker.exposedPorts ?? [])
        : {},
    SandboxKey: rec.network.netnsPath ?? '',
    SecondaryIPAddresses: null,
    SecondaryIPv6Addresses: null,
    EndpointID: ep?.EndpointID ?? '',
    Gateway: ep?.Gateway ?? '',
    GlobalIPv6Address: '',
    GlobalIPv6PrefixLen: 0,
    IPAddress: ep?.IPAddress ?? '',
    IPPrefixLen: ep?.IPPrefixLen ?? 0,
    IPv6Gateway: '',
    MacAddress: ep?.MacAddress ?? '',
    Networks: networks,
  };
}

/** Pure: a Berth container record → Docker's `GET /containers/{id}/json`. */
export function toDockerInspect(rec: ContainerRecord, ctx: InspectContext): DockerContainerInspect {
  const o = optionsOf(rec);
  const [path = '', ...args] = commandOf(rec);
  const dir = dirname(rec.bundle);
  return {
    Id: rec.id,
    Created: rec.createdAt,
    Path: path,
    Args: args,
    State: stateOf(rec, ctx.health),
    Image: rec.image.ref ?? '',
    ResolvConfPath: join(dir, 'resolv.conf'),
    HostnamePath: join(dir, 'hostname'),
    HostsPath: join(dir, 'hosts'),
    LogPath: rec.logPath,
    Name: `/${rec.name}`,
    RestartCount: rec.restartCount,
    Driver: 'overlay',
    Platform: 'linux',
    MountLabel: '',
    ProcessLabel: '',
    AppArmorProfile: '',
    ExecIDs: ctx.execIds.length ? ctx.execIds : null,
    HostConfig: hostConfigOf(rec, o, ctx.naming),
    GraphDriver: { Name: 'overlay', Data: { MergedDir: rec.rootfs } },
    Mounts: mountPointsOf(o, ctx.volumeMountpoint),
    Config: configOf(rec, o),
    NetworkSettings: networkSettingsOf(rec, o, ctx),
  };
}
