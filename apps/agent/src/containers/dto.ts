import { classifyCreate } from '@berth/protocol';
import type {
  Health,
  HealthStatus,
  Healthcheck,
  ContainerInspect,
  ContainerLimits,
  ContainerMount,
  ContainerSummary,
  ElevatedCreateFields,
} from '@berth/protocol';
import type { ContainerRecord } from '@berth/runtime';
import { endpointDto } from '../networks/dto.js';

type Options = Record<string, unknown>;
type Sysctls = Record<string, string>;

const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const bool = (v: unknown): boolean => v === true;
const strings = (v: unknown): string[] | null =>
  Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : null;

/** The image name the user gave at create (kept in the record's options), else the image ID. */
export function imageName(rec: ContainerRecord): string {
  return str(rec.options.image) ?? rec.image.ref ?? '';
}

/** Pure: the argv the container runs: entrypoint + cmd, as docker computes them. */
export function effectiveCommand(rec: ContainerRecord): string[] {
  const o: Options = rec.options;
  const entrypoint = strings(o.entrypoint) ?? rec.image.config.entrypoint ?? [];
  const userCmd = strings(o.cmd);
  // docker: --entrypoint resets the image CMD unless a command is given
  const cmd = userCmd ?? (strings(o.entrypoint) ? [] : (rec.image.config.cmd ?? []));
  return [...entrypoint, ...cmd];
}

export function limitsOf(o: Options): ContainerLimits {
  return {
    memory: num(o.memory),
    memorySwap: num(o.memorySwap),
    cpus: num(o.cpus),
    pidsLimit: num(o.pidsLimit),
    cpuShares: num(o.cpuShares),
    cpusetCpus: str(o.cpusetCpus),
  };
}

const mode = (v: unknown): 'host' | 'private' | undefined =>
  v === 'host' || v === 'private' ? v : undefined;

/** Pure: the elevated options a record was created with, as policy tokens. */
export function elevatedOf(rec: ContainerRecord): string[] {
  const o: Options = rec.options;
  const sysctls = o.sysctls && typeof o.sysctls === 'object' ? (o.sysctls as Sysctls) : {};
  const fields: ElevatedCreateFields = {
    privileged: bool(o.privileged),
    capAdd: strings(o.capAdd) ?? [],
    network: rec.network.mode,
    pid: mode(o.pid),
    ipc: mode(o.ipc),
    uts: mode(o.uts),
    cgroupns: mode(o.cgroupns),
    devices: strings(o.devices) ?? [],
    volumes: strings(o.volumes) ?? [],
    sysctls,
    securityOpt: strings(o.securityOpt) ?? [],
  };
  return classifyCreate(fields).map((e) => e.token);
}

/** Pure: record → the list view (`health`: the status of its running health check). */
export function containerSummary(
  rec: ContainerRecord,
  health: HealthStatus | null = null,
): ContainerSummary {
  return {
    id: rec.id,
    name: rec.name,
    image: imageName(rec),
    imageId: rec.image.ref ?? '',
    command: effectiveCommand(rec),
    state: rec.state,
    exitCode: rec.exitCode,
    oomKilled: rec.oomKilled,
    createdAt: rec.createdAt,
    startedAt: rec.startedAt,
    finishedAt: rec.finishedAt,
    ports: rec.network.ports.map((p) => ({ ...p })),
    limits: limitsOf(rec.options),
    labels: { ...rec.labels },
    restartPolicy: { ...rec.restartPolicy },
    restartCount: rec.restartCount,
    network: rec.network.mode,
    health,
    elevated: elevatedOf(rec),
  };
}

/** Pure: `src:dst[:ro]` volume specs and tmpfs targets → mount views. */
export function mountsOf(o: Options): ContainerMount[] {
  const out: ContainerMount[] = [];
  for (const spec of strings(o.volumes) ?? []) {
    const [source = '', destination = '', mode] = spec.split(':');
    out.push({
      type: source.startsWith('/') ? 'bind' : 'volume',
      source,
      destination,
      readOnly: mode === 'ro',
    });
  }
  const tmpfs = o.tmpfs && typeof o.tmpfs === 'object' ? (o.tmpfs as Record<string, unknown>) : {};
  for (const destination of Object.keys(tmpfs))
    out.push({ type: 'tmpfs', source: 'tmpfs', destination, readOnly: false });
  return out;
}

/** Pure: record → the detailed view (`health`: Docker's `State.Health`). */
export function containerInspect(
  rec: ContainerRecord,
  health: Health | null = null,
): ContainerInspect {
  const o: Options = rec.options;
  const tmpfs = o.tmpfs && typeof o.tmpfs === 'object' ? (o.tmpfs as Record<string, string>) : {};
  return {
    ...containerSummary(rec, health?.status ?? null),
    health,
    pid: rec.pid,
    ip: rec.network.ip,
    gateway: rec.network.gateway,
    networks: rec.network.endpoints.map(endpointDto),
    mounts: mountsOf(o),
    logPath: rec.logPath,
    rootfs: rec.rootfs,
    bundle: rec.bundle,
    cgroupsPath: rec.cgroupsPath,
    stopSignal: rec.stopSignal,
    stopTimeout: rec.stopTimeout,
    autoRemove: bool(o.autoRemove),
    config: {
      env: [...(rec.image.config.env ?? []), ...(strings(o.env) ?? [])],
      cmd: strings(o.cmd) ?? rec.image.config.cmd ?? null,
      entrypoint: strings(o.entrypoint) ?? rec.image.config.entrypoint ?? null,
      workingDir: str(o.workdir) ?? rec.image.config.workingDir ?? null,
      user: str(o.user) ?? rec.image.config.user ?? null,
      tty: bool(o.tty),
      init: bool(o.init),
      readOnly: bool(o.readOnly),
      privileged: bool(o.privileged),
      capAdd: strings(o.capAdd) ?? [],
      capDrop: strings(o.capDrop) ?? [],
      tmpfs: { ...tmpfs },
      hostname: str(o.hostname),
      securityOpt: (strings(o.securityOpt) ?? []).map(summarizeSecurityOpt),
      cgroupns: o.cgroupns === 'host' ? 'host' : 'private',
      healthcheck:
        o.healthcheck && typeof o.healthcheck === 'object' ? (o.healthcheck as Healthcheck) : null,
      pid: mode(o.pid) ?? 'private',
      ipc: mode(o.ipc) ?? 'private',
      uts: mode(o.uts) ?? 'private',
      devices: strings(o.devices) ?? [],
      sysctls: o.sysctls && typeof o.sysctls === 'object' ? { ...(o.sysctls as Sysctls) } : {},
      dns: strings(o.dns) ?? [],
      extraHosts: strings(o.extraHosts) ?? [],
      memoryReservation: num(o.memoryReservation),
      openStdin: bool(o.openStdin),
    },
    confinement: rec.confinement ? { ...rec.confinement } : null,
  };
}

/** A custom seccomp profile is shown by name, not as its (up to 1 MiB of) JSON. */
export function summarizeSecurityOpt(opt: string): string {
  return /^seccomp[=:]\s*\{/.test(opt) ? 'seccomp=<custom profile>' : opt;
}
