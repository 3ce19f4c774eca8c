import * as z from 'zod';
import { NetworkEndpointSchema, NetworkRefSchema } from './networks.js';

/**
 * Container DTOs shared by the agent's REST API, the `berth` CLI, RPCs and the web. Field names
 * are camelCase and stable: `berth ps --format json` prints `ContainerSummary`-derived objects.
 * Times are RFC 3339 strings; unknown or unset values are `null`, never 0.
 */

export const containerStates = ['created', 'running', 'paused', 'exited', 'removing'] as const;
export const ContainerStateSchema = z.enum(containerStates);
export type ContainerState = z.infer<typeof ContainerStateSchema>;

/** A container name as docker accepts it: `[a-zA-Z0-9][a-zA-Z0-9_.-]*`, at most 128 chars. */
export const ContainerNameSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, 'names look like [a-zA-Z0-9][a-zA-Z0-9_.-]*');

/** A container as a user names it: full ID, unique ID prefix or name. */
export const ContainerRefSchema = z
  .string()
  .min(1, 'container reference is empty')
  .max(128)
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, 'invalid container reference');

export const PortBindingSchema = z.object({
  hostIp: z.string(),
  hostPort: z.number().int(),
  containerPort: z.number().int(),
  protocol: z.enum(['tcp', 'udp']),
});
export type PortBinding = z.infer<typeof PortBindingSchema>;

export const ContainerLimitsSchema = z.object({
  /** Bytes. */
  memory: z.number().nullable(),
  /** Memory + swap in bytes; -1 = unlimited swap. */
  memorySwap: z.number().nullable(),
  cpus: z.number().nullable(),
  pidsLimit: z.number().nullable(),
  cpuShares: z.number().nullable(),
  cpusetCpus: z.string().nullable(),
});
export type ContainerLimits = z.infer<typeof ContainerLimitsSchema>;

export const restartPolicyNames = ['no', 'always', 'on-failure', 'unless-stopped'] as const;
export const RestartPolicySchema = z.object({
  name: z.enum(restartPolicyNames),
  maximumRetryCount: z.number().int(),
});

export const networkModes = ['bridge', 'none', 'host'] as const;

/**
 * Docker's HealthConfig: `test` is `[]` (inherit the image's), `["NONE"]` (disabled),
 * `["CMD", arg…]` or `["CMD-SHELL", "command"]`; durations in nanoseconds, 0 = inherit / default
 * (interval and timeout 30 s, retries 3, start period 0, start interval 5 s).
 */
export const HealthcheckSchema = z
  .object({
    test: z.array(z.string()),
    interval: z.number().int().min(0).optional(),
    timeout: z.number().int().min(0).optional(),
    retries: z.number().int().min(0).optional(),
    startPeriod: z.number().int().min(0).optional(),
    startInterval: z.number().int().min(0).optional(),
  })
  .strict();
export type Healthcheck = z.infer<typeof HealthcheckSchema>;

export const healthStatuses = ['starting', 'healthy', 'unhealthy'] as const;
export const HealthStatusSchema = z.enum(healthStatuses);
export type HealthStatus = z.infer<typeof HealthStatusSchema>;

/** Docker's `State.Health`: the status, consecutive failures, the last 5 probes. */
export const HealthSchema = z.object({
  status: HealthStatusSchema,
  failingStreak: z.number().int(),
  log: z.array(
    z.object({
      /** RFC 3339. */
      start: z.string(),
      end: z.string(),
      /** 0 healthy, else a failure (-1: the probe could not run or timed out). */
      exitCode: z.number().int(),
      output: z.string(),
    }),
  ),
});
export type Health = z.infer<typeof HealthSchema>;

export const ContainerSummarySchema = z.object({
  id: z.string().regex(/^[0-9a-f]{64}$/),
  name: z.string(),
  /** The image as the user named it (`busybox`), or its ID when it was given by ID. */
  image: z.string(),
  /** `sha256:…` of the image config. */
  imageId: z.string(),
  /** Entrypoint + cmd as the process will run. */
  command: z.array(z.string()),
  state: ContainerStateSchema,
  exitCode: z.number().int().nullable(),
  oomKilled: z.boolean(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  ports: z.array(PortBindingSchema),
  limits: ContainerLimitsSchema,
  labels: z.record(z.string(), z.string()),
  restartPolicy: RestartPolicySchema,
  restartCount: z.number().int(),
  network: z.enum(networkModes),
  /** Health status while a health check runs; absent/null without one. */
  health: HealthStatusSchema.nullable().optional(),
  /**
   * The elevated options the container was created with, as policy tokens (`privileged`,
   * `capabilities:SYS_ADMIN`, `bind:/srv`…; see elevated.ts). Empty for a confined container.
   */
  elevated: z.array(z.string().max(4096)).max(256).default([]),
});
export type ContainerSummary = z.infer<typeof ContainerSummarySchema>;

export const ContainerMountSchema = z.object({
  type: z.enum(['bind', 'volume', 'tmpfs']),
  /** Host path, volume name, or `tmpfs`. */
  source: z.string(),
  destination: z.string(),
  readOnly: z.boolean(),
});
export type ContainerMount = z.infer<typeof ContainerMountSchema>;

/** One `--security-opt` entry; a seccomp profile travels inline (`seccomp=<JSON>`), up to 1 MiB. */
export const SecurityOptSchema = z
  .string()
  .min(1)
  .max(1024 * 1024 + 16)
  .superRefine((o, ctx) => {
    const key = /^[^=:]*/.exec(o)?.[0] ?? o;
    if (key === 'label')
      ctx.addIssue({ code: 'custom', message: 'SELinux labels (label=…) are not supported' });
    else if (
      !/^(seccomp|apparmor|systempaths)[=:][\s\S]+$|^no-new-privileges([=:](true|false))?$/.test(o)
    )
      ctx.addIssue({
        code: 'custom',
        message: `unsupported security-opt "${key.slice(0, 64)}": want seccomp=…, apparmor=…, systempaths=unconfined or no-new-privileges`,
      });
  });

/** Which confinement a container got (null for containers created before it was recorded). */
export const ContainerConfinementSchema = z.object({
  seccomp: z.enum(['default', 'custom', 'unconfined', 'unavailable']),
  apparmor: z.string().nullable(),
  cgroupns: z.enum(['private', 'host']),
  noNewPrivileges: z.boolean(),
  readOnlyBinds: z.enum(['rro', 'ro']),
});
export type ContainerConfinement = z.infer<typeof ContainerConfinementSchema>;

export const ContainerInspectSchema = ContainerSummarySchema.extend({
  pid: z.number().int().nullable(),
  /** The first network's address and gateway. */
  ip: z.string().nullable(),
  gateway: z.string().nullable(),
  /** Every network the container is on, in interface order (none for `host`/`none`). */
  networks: z.array(NetworkEndpointSchema).default([]),
  mounts: z.array(ContainerMountSchema),
  logPath: z.string(),
  rootfs: z.string(),
  bundle: z.string(),
  cgroupsPath: z.string(),
  stopSignal: z.string(),
  stopTimeout: z.number().int(),
  autoRemove: z.boolean(),
  /** Docker's `State.Health` (the summary has only its status); null without a health check. */
  health: HealthSchema.nullable().optional(),
  config: z.object({
    env: z.array(z.string()),
    cmd: z.array(z.string()).nullable(),
    entrypoint: z.array(z.string()).nullable(),
    workingDir: z.string().nullable(),
    user: z.string().nullable(),
    tty: z.boolean(),
    init: z.boolean(),
    readOnly: z.boolean(),
    privileged: z.boolean(),
    capAdd: z.array(z.string()),
    capDrop: z.array(z.string()),
    tmpfs: z.record(z.string(), z.string()),
    hostname: z.string().nullable(),
    /** `seccomp=<profile JSON>` entries are shown as `seccomp=<custom profile>`. */
    securityOpt: z.array(z.string()).optional(),
    cgroupns: z.enum(['private', 'host']).optional(),
    /** The effective health check (the image's merged with the request's). */
    healthcheck: HealthcheckSchema.nullable().optional(),
    /**
     * What else the create request set, so a copy can be made of it ("Duplicate/Edit"); absent
     * from older agents. Namespace modes are `private` unless shared with the host.
     */
    pid: z.enum(['private', 'host']).optional(),
    ipc: z.enum(['private', 'host']).optional(),
    uts: z.enum(['private', 'host']).optional(),
    devices: z.array(z.string()).optional(),
    sysctls: z.record(z.string(), z.string()).optional(),
    dns: z.array(z.string()).optional(),
    extraHosts: z.array(z.string()).optional(),
    memoryReservation: z.number().nullable().optional(),
    openStdin: z.boolean().optional(),
  }),
  confinement: ContainerConfinementSchema.nullable().optional(),
});
export type ContainerInspect = z.infer<typeof ContainerInspectSchema>;

export const containerEventTypes = [
  'create',
  'start',
  'die',
  'stop',
  'kill',
  'pause',
  'unpause',
  'destroy',
  'exec_start',
  'exec_die',
  'oom',
  'rename',
  'update',
  'restart',
  'health_status',
] as const;
export const ContainerEventTypeSchema = z.enum(containerEventTypes);
export type ContainerEventType = z.infer<typeof ContainerEventTypeSchema>;

export const ContainerEventSchema = z.object({
  kind: z.literal('container'),
  type: ContainerEventTypeSchema,
  id: z.string(),
  name: z.string(),
  image: z.string(),
  /** RFC 3339. */
  at: z.string(),
  exitCode: z.number().int().optional(),
  oomKilled: z.boolean().optional(),
  signal: z.string().optional(),
  /** `health_status` events: the new status (Docker's `health_status: healthy`). */
  health: HealthStatusSchema.optional(),
  /**
   * `die` events: the exit was asked for (stop, kill, restart — Docker's "manually stopped"),
   * not a crash or a kill from outside. Absent from older agents.
   */
  manuallyStopped: z.boolean().optional(),
});
export type ContainerEvent = z.infer<typeof ContainerEventSchema>;

export const imageEventTypes = ['pull', 'push', 'tag', 'untag', 'delete'] as const;
export const ImageEventSchema = z.object({
  kind: z.literal('image'),
  type: z.enum(imageEventTypes),
  /** Image ID or reference the event is about. */
  id: z.string(),
  ref: z.string().optional(),
  at: z.string(),
});
export type ImageEvent = z.infer<typeof ImageEventSchema>;

export const networkEventTypes = ['create', 'destroy', 'connect', 'disconnect'] as const;
export const NetworkEventSchema = z.object({
  kind: z.literal('network'),
  type: z.enum(networkEventTypes),
  /** Network ID. */
  id: z.string(),
  name: z.string(),
  /** The container that joined or left (connect, disconnect). */
  containerId: z.string().optional(),
  at: z.string(),
});
export type NetworkEvent = z.infer<typeof NetworkEventSchema>;

/** One line of `GET /v1/events`. */
export const EngineEventSchema = z.discriminatedUnion('kind', [
  ContainerEventSchema,
  ImageEventSchema,
  NetworkEventSchema,
]);
export type EngineEvent = z.infer<typeof EngineEventSchema>;

const n = z.number().nullable();
const PressureSchema = z
  .object({
    some: z.object({ avg10: z.number(), avg60: z.number() }).nullable(),
    full: z.object({ avg10: z.number(), avg60: z.number() }).nullable(),
  })
  .nullable();

/** Normalized stats (architecture.md): v1 and v2 give the same fields; unknown = null. */
export const ContainerStatsSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** When the sample was read, ms since the epoch (agents of protocol 1 sent RFC 3339). */
  at: z.preprocess((v) => (typeof v === 'string' ? Date.parse(v) : v), z.number()),
  cpu: z.object({
    usageNs: n,
    /** Δusage / Δwall / onlineCpus × 100 (null on the first sample). */
    percentOfHost: n,
    /** Δusage / Δwall / (quota/period) × 100 when a quota is set. */
    percentOfLimit: n,
    onlineCpus: z.number(),
    periods: n,
    throttledPeriods: n,
    throttledNs: n,
  }),
  memory: z.object({
    usage: n,
    limit: n,
    workingSet: n,
    rss: n,
    cache: n,
    swap: n,
    oomKills: n,
  }),
  io: z.object({ readBytes: n, writeBytes: n, readOps: n, writeOps: n }),
  pids: z.object({ current: n, limit: n }),
  net: z.object({
    rxBytes: n,
    txBytes: n,
    rxPackets: n,
    txPackets: n,
    rxErrors: n,
    txErrors: n,
  }),
  psi: z.object({ cpu: PressureSchema, memory: PressureSchema, io: PressureSchema }).nullable(),
});
export type ContainerStats = z.infer<typeof ContainerStatsSchema>;

const EnvEntrySchema = z.string().regex(/^[^=\0]+=/, 'env entries are KEY=VALUE');
const AbsPathSchema = z.string().regex(/^\//, 'must be an absolute path');

/** `private` (the default: the container's own) or `host` (share the host's; elevated). */
export const namespaceModes = ['private', 'host'] as const;
/** Docker's `--device HOST[:CONTAINER][:PERMS]`. */
const DeviceSpecSchema = z
  .string()
  .max(4096)
  .regex(/^\/[^:]+(:\/[^:]+)?(:[rwm]{1,3})?$/, 'devices look like /dev/x[:/dev/y][:rwm]');
/** Dotted names only (`net.ipv4.ip_forward`): no `/`, so a key cannot climb out of /proc/sys. */
const SysctlKeySchema = z
  .string()
  .max(256)
  .regex(/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)+$/, 'sysctl names look like net.ipv4.ip_forward');
/** Docker's `--security-opt` keys Berth knows (`key=value`; Docker's older `key:value` too). */
export const securityOptKeys = [
  'seccomp',
  'apparmor',
  'label',
  'systempaths',
  'no-new-privileges',
] as const;

/**
 * `POST /v1/containers` — also the web's create form schema. Sizes are bytes (use
 * `parseByteSize` for `64m`-style input); ports `[ip:]host:container[/proto]`; volumes
 * `src:dst[:ro]` (absolute src = bind mount, otherwise a named volume); tmpfs `/path[:opts]`.
 */
export const CreateContainerRequestSchema = z
  .object({
    image: z.string().min(1).max(512),
    name: ContainerNameSchema.optional(),
    cmd: z.array(z.string()).optional(),
    /** `[]` clears the image entrypoint. */
    entrypoint: z.array(z.string()).optional(),
    env: z.array(EnvEntrySchema).default([]),
    workdir: AbsPathSchema.optional(),
    user: z.string().min(1).optional(),
    hostname: z.string().min(1).optional(),
    ports: z.array(z.string()).default([]),
    volumes: z.array(z.string()).default([]),
    memory: z.number().int().positive().optional(),
    memorySwap: z.number().int().min(-1).optional(),
    cpus: z.number().positive().optional(),
    cpuShares: z.number().int().positive().optional(),
    cpusetCpus: z.string().optional(),
    pidsLimit: z.number().int().positive().optional(),
    /** `no`, `always`, `unless-stopped`, `on-failure[:N]`. */
    restart: z.string().optional(),
    /** `bridge` (the built-in network), `none`, `host`, or a network's name or ID. */
    network: z.union([z.enum(networkModes), NetworkRefSchema]).optional(),
    /** Aliases on the `network` (a user-defined one): other containers resolve them. */
    networkAliases: z.array(z.string().min(1).max(253)).optional(),
    /** A static IPv4 address on the `network`. */
    ip: z.string().optional(),
    /** More networks, each with its aliases and address; the first listed is `network`'s. */
    networks: z
      .array(
        z
          .object({
            network: NetworkRefSchema,
            aliases: z.array(z.string().min(1).max(253)).optional(),
            ipv4Address: z.string().optional(),
          })
          .strict(),
      )
      .optional(),
    init: z.boolean().optional(),
    labels: z.record(z.string(), z.string()).optional(),
    readOnly: z.boolean().optional(),
    tmpfs: z.array(z.string()).optional(),
    capAdd: z.array(z.string()).optional(),
    capDrop: z.array(z.string()).optional(),
    privileged: z.boolean().optional(),
    /** `host` shares the host's PID namespace (`--pid host`). */
    pid: z.enum(namespaceModes).optional(),
    /** `host` shares the host's IPC namespace (`--ipc host`). */
    ipc: z.enum(namespaceModes).optional(),
    /** `host` shares the host's UTS namespace: its hostname (`--uts host`). */
    uts: z.enum(namespaceModes).optional(),
    /** `private`: the container's own cgroup namespace; `host`: the host's (`--cgroupns`). */
    cgroupns: z.enum(namespaceModes).optional(),
    /** Host devices (`--device /dev/fuse[:/dev/fuse][:rwm]`). */
    devices: z.array(DeviceSpecSchema).max(64).optional(),
    /** Kernel parameters (`--sysctl net.ipv4.ip_forward=1`). */
    sysctls: z
      .record(
        SysctlKeySchema,
        z
          .string()
          .max(4096)
          .regex(/^[^\n\0]*$/, 'one line'),
      )
      .optional(),
    /** `--security-opt`: `seccomp=unconfined|<profile JSON>`, `apparmor=unconfined|PROFILE`, `no-new-privileges`. */
    securityOpt: z.array(SecurityOptSchema).max(32).optional(),
    /** Remove the container once it exits (`--rm`). */
    autoRemove: z.boolean().optional(),
    /** Allocate a TTY for the main process. */
    tty: z.boolean().optional(),
    /** Keep the main process's stdin open for `attach` (`-i`). */
    openStdin: z.boolean().optional(),
    stopSignal: z.string().optional(),
    stopTimeout: z.number().int().min(0).optional(),
    /** DNS servers for the container's resolv.conf (`--dns`). */
    dns: z.array(z.string().min(1)).optional(),
    /** Extra /etc/hosts entries, `host:ip` (`--add-host`). */
    extraHosts: z
      .array(z.string().regex(/^[^:\s]+:\S+$/, 'extra hosts look like host:ip'))
      .optional(),
    /** Soft memory limit in bytes (`--memory-reservation`). */
    memoryReservation: z.number().int().positive().optional(),
    /** Overrides the image's HEALTHCHECK (`{test: ["NONE"]}` disables it). */
    healthcheck: HealthcheckSchema.optional(),
  })
  .strict();
export type CreateContainerRequest = z.input<typeof CreateContainerRequestSchema>;

export const CreateContainerResponseSchema = z.object({
  id: z.string(),
  name: z.string(),
  warnings: z.array(z.string()),
});
export type CreateContainerResponse = z.infer<typeof CreateContainerResponseSchema>;

/** `POST /v1/containers/:ref/update`: only the given fields change. */
/**
 * A live update: only the fields present change. `null` removes a limit (memory — and with it
 * the swap limit —, CPUs, PIDs): the container is unlimited there again.
 */
export const UpdateContainerRequestSchema = z
  .object({
    memory: z.number().int().positive().nullable().optional(),
    memorySwap: z.number().int().min(-1).optional(),
    cpus: z.number().positive().nullable().optional(),
    cpuShares: z.number().int().positive().optional(),
    cpusetCpus: z.string().optional(),
    pidsLimit: z.number().int().positive().nullable().optional(),
    restart: z.string().optional(),
  })
  .strict();
export type UpdateContainerRequest = z.infer<typeof UpdateContainerRequestSchema>;

export const ContainerListSchema = z.object({ containers: z.array(ContainerSummarySchema) });

export const WaitResponseSchema = z.object({
  exitCode: z.number().int(),
  oomKilled: z.boolean(),
});
export type WaitResponse = z.infer<typeof WaitResponseSchema>;

export const ExecRequestSchema = z
  .object({
    cmd: z.array(z.string()).min(1, 'exec needs a command'),
    env: z.array(EnvEntrySchema).default([]),
    user: z.string().min(1).optional(),
    workdir: AbsPathSchema.optional(),
    privileged: z.boolean().optional(),
    /** Interactive (HTTP Upgrade) only. */
    tty: z.boolean().optional(),
    cols: z.number().int().min(1).max(1000).optional(),
    rows: z.number().int().min(1).max(1000).optional(),
  })
  .strict();
export type ExecRequest = z.input<typeof ExecRequestSchema>;

export const ExecResultSchema = z.object({
  exitCode: z.number().int(),
  stdout: z.string(),
  stderr: z.string(),
});
export type ExecResult = z.infer<typeof ExecResultSchema>;

/**
 * `POST /v1/containers/:ref/attach` (HTTP Upgrade): the client's terminal size, applied before
 * a created container starts. After `101` the connection carries the main process's raw output
 * and, with open stdin, its input.
 */
export const AttachRequestSchema = z
  .object({
    cols: z.number().int().min(1).max(1000).optional(),
    rows: z.number().int().min(1).max(1000).optional(),
  })
  .strict();
export type AttachRequest = z.input<typeof AttachRequestSchema>;

/** `GET /v1/exec/:id/json`. */
export const ExecInspectSchema = z.object({
  id: z.string(),
  containerId: z.string(),
  running: z.boolean(),
  exitCode: z.number().int().nullable(),
});
export type ExecInspect = z.infer<typeof ExecInspectSchema>;

/** One line of `GET /v1/containers/:ref/logs` (NDJSON). */
export const LogLineSchema = z.object({
  stream: z.enum(['stdout', 'stderr']),
  /** RFC 3339 with nanoseconds, as recorded. */
  time: z.string(),
  text: z.string(),
});
export type LogLine = z.infer<typeof LogLineSchema>;

export const TopResponseSchema = z.object({
  titles: z.array(z.string()),
  processes: z.array(z.array(z.string())),
});
export type TopResponse = z.infer<typeof TopResponseSchema>;

export const VolumeSchema = z.object({
  name: z.string(),
  mountpoint: z.string(),
  createdAt: z.string(),
  labels: z.record(z.string(), z.string()),
  /** IDs of containers that use it. */
  usedBy: z.array(z.string()),
});
export type Volume = z.infer<typeof VolumeSchema>;

export const CreateVolumeRequestSchema = z
  .object({
    name: z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, 'invalid volume name'),
    labels: z.record(z.string(), z.string()).optional(),
  })
  .strict();
export type CreateVolumeRequest = z.infer<typeof CreateVolumeRequestSchema>;

const UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

/** Pure: docker-style sizes (`64m`, `1g`, `512k`, `1048576`) → bytes; null when malformed. */
export function parseByteSize(input: string): number | null {
  const m = /^(\d+(?:\.\d+)?)\s*([bkmg]?)b?$/i.exec(input.trim());
  if (!m) return null;
  const bytes = Number(m[1]) * (UNITS[(m[2] ?? '').toLowerCase()] ?? NaN);
  return Number.isFinite(bytes) ? Math.floor(bytes) : null;
}
