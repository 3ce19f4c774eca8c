import * as z from 'zod';

/**
 * The body of `POST /containers/create` (Docker Engine API v1.41): the container `Config` at the
 * top level plus `HostConfig` and `NetworkingConfig`. Go clients send `null` for empty slices and
 * maps, so every field is nullish. Unknown fields are ignored (as dockerd's JSON decoder does);
 * known fields Berth cannot honour are refused by the translation when they are set.
 */

const strings = z.array(z.string()).nullish();
const stringMap = z.record(z.string(), z.string()).nullish();
const int = z.number().int();

export const HealthConfigSchema = z.looseObject({
  /** `[]` inherit, `["NONE"]`, `["CMD", args…]`, `["CMD-SHELL", command]`. */
  Test: strings,
  /** Nanoseconds; 0 = inherit. */
  Interval: int.nullish(),
  Timeout: int.nullish(),
  Retries: int.nullish(),
  StartPeriod: int.nullish(),
});
export type HealthConfig = z.infer<typeof HealthConfigSchema>;

export const MountSchema = z.looseObject({
  Target: z.string(),
  Source: z.string().nullish(),
  Type: z.enum(['bind', 'volume', 'tmpfs', 'npipe']),
  ReadOnly: z.boolean().nullish(),
  Consistency: z.string().nullish(),
  BindOptions: z.looseObject({ Propagation: z.string().nullish() }).nullish(),
  VolumeOptions: z
    .looseObject({
      NoCopy: z.boolean().nullish(),
      Labels: stringMap,
      DriverConfig: z.looseObject({ Name: z.string().nullish() }).nullish(),
    })
    .nullish(),
  TmpfsOptions: z.looseObject({ SizeBytes: int.nullish(), Mode: int.nullish() }).nullish(),
});
export type DockerMount = z.infer<typeof MountSchema>;

export const PortBindingSchema = z.looseObject({
  HostIp: z.string().nullish(),
  HostPort: z.string().nullish(),
});

export const RestartPolicySchema = z.looseObject({
  Name: z.enum(['', 'no', 'always', 'unless-stopped', 'on-failure']).nullish(),
  MaximumRetryCount: int.nullish(),
});

export const UlimitSchema = z.looseObject({ Name: z.string(), Soft: int, Hard: int });

/** The resource fields (shared by create's HostConfig and `POST /containers/{id}/update`). */
export const ResourcesShape = {
  CpuShares: int.nullish(),
  Memory: int.nullish(),
  MemorySwap: int.nullish(),
  MemoryReservation: int.nullish(),
  NanoCpus: int.nullish(),
  CpuPeriod: int.nullish(),
  CpuQuota: int.nullish(),
  CpusetCpus: z.string().nullish(),
  CpusetMems: z.string().nullish(),
  PidsLimit: int.nullish(),
  BlkioWeight: int.nullish(),
  Ulimits: z.array(UlimitSchema).nullish(),
  KernelMemory: int.nullish(),
  OomKillDisable: z.boolean().nullish(),
  MemorySwappiness: int.nullish(),
  Devices: z.array(z.unknown()).nullish(),
  DeviceRequests: z.array(z.unknown()).nullish(),
  DeviceCgroupRules: strings,
  CpuRealtimePeriod: int.nullish(),
  CpuRealtimeRuntime: int.nullish(),
  BlkioWeightDevice: z.array(z.unknown()).nullish(),
  BlkioDeviceReadBps: z.array(z.unknown()).nullish(),
  BlkioDeviceWriteBps: z.array(z.unknown()).nullish(),
  BlkioDeviceReadIOps: z.array(z.unknown()).nullish(),
  BlkioDeviceWriteIOps: z.array(z.unknown()).nullish(),
} as const;

export const HostConfigSchema = z.looseObject({
  ...ResourcesShape,
  Binds: strings,
  Mounts: z.array(MountSchema).nullish(),
  PortBindings: z.record(z.string(), z.array(PortBindingSchema).nullish()).nullish(),
  PublishAllPorts: z.boolean().nullish(),
  RestartPolicy: RestartPolicySchema.nullish(),
  AutoRemove: z.boolean().nullish(),
  NetworkMode: z.string().nullish(),
  CapAdd: strings,
  CapDrop: strings,
  Privileged: z.boolean().nullish(),
  ReadonlyRootfs: z.boolean().nullish(),
  Tmpfs: stringMap,
  ExtraHosts: strings,
  Dns: strings,
  DnsOptions: strings,
  DnsSearch: strings,
  Init: z.boolean().nullish(),
  ShmSize: int.nullish(),
  VolumesFrom: strings,
  Links: strings,
  LogConfig: z.looseObject({ Type: z.string().nullish(), Config: stringMap }).nullish(),
  SecurityOpt: strings,
  Sysctls: stringMap,
  IpcMode: z.string().nullish(),
  PidMode: z.string().nullish(),
  UTSMode: z.string().nullish(),
  UsernsMode: z.string().nullish(),
  CgroupnsMode: z.string().nullish(),
  Cgroup: z.string().nullish(),
  CgroupParent: z.string().nullish(),
  Runtime: z.string().nullish(),
  GroupAdd: strings,
  Isolation: z.string().nullish(),
  VolumeDriver: z.string().nullish(),
  ContainerIDFile: z.string().nullish(),
  OomScoreAdj: int.nullish(),
  MaskedPaths: strings,
  ReadonlyPaths: strings,
  ConsoleSize: z.array(int).nullish(),
});
export type HostConfig = z.infer<typeof HostConfigSchema>;

export const EndpointSettingsSchema = z.looseObject({
  Aliases: strings,
  Links: strings,
  IPAMConfig: z
    .looseObject({ IPv4Address: z.string().nullish(), IPv6Address: z.string().nullish() })
    .nullish(),
  NetworkID: z.string().nullish(),
});

export const NetworkingConfigSchema = z.looseObject({
  EndpointsConfig: z.record(z.string(), EndpointSettingsSchema.nullish()).nullish(),
});

export const ContainerCreateBodySchema = z.looseObject({
  Image: z.string().min(1, 'Image is required').max(512),
  Hostname: z.string().nullish(),
  Domainname: z.string().nullish(),
  User: z.string().nullish(),
  AttachStdin: z.boolean().nullish(),
  AttachStdout: z.boolean().nullish(),
  AttachStderr: z.boolean().nullish(),
  ExposedPorts: z.record(z.string(), z.unknown()).nullish(),
  Tty: z.boolean().nullish(),
  OpenStdin: z.boolean().nullish(),
  StdinOnce: z.boolean().nullish(),
  Env: strings,
  Cmd: strings,
  Healthcheck: HealthConfigSchema.nullish(),
  ArgsEscaped: z.boolean().nullish(),
  Volumes: z.record(z.string(), z.unknown()).nullish(),
  WorkingDir: z.string().nullish(),
  Entrypoint: strings,
  NetworkDisabled: z.boolean().nullish(),
  MacAddress: z.string().nullish(),
  OnBuild: strings,
  Labels: stringMap,
  StopSignal: z.string().nullish(),
  StopTimeout: int.nullish(),
  Shell: strings,
  HostConfig: HostConfigSchema.nullish(),
  NetworkingConfig: NetworkingConfigSchema.nullish(),
});
export type ContainerCreateBody = z.infer<typeof ContainerCreateBodySchema>;

/** `POST /containers/{id}/update`. */
export const ContainerUpdateBodySchema = z.looseObject({
  ...ResourcesShape,
  RestartPolicy: RestartPolicySchema.nullish(),
});
export type ContainerUpdateBody = z.infer<typeof ContainerUpdateBodySchema>;
