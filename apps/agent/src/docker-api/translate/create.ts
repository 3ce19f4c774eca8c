import type { CreateContainerRequest, Healthcheck } from '@berth/protocol';
import { AgentError } from '../../errors.js';
import type { ContainerCreateBody, HealthConfig } from '../types/container-create.js';
import {
  bindToVolumeSpec,
  cpusOf,
  mountToSpec,
  portBindingsToSpecs,
  refuseUnsupportedHostConfig,
  restartPolicyToSpec,
} from './create-hostconfig.js';
import { networkOf } from './network-mode.js';
import { unsupported } from './unsupported.js';

/**
 * What Docker's create carries that Berth's create request has no field for: kept in the
 * container record's options under `docker` (the runtime keeps options as given), so inspect can
 * answer with it and `rm -v` knows the anonymous volumes.
 */
export interface DockerExtras {
  domainname?: string;
  attachStdin?: boolean;
  attachStdout?: boolean;
  attachStderr?: boolean;
  stdinOnce?: boolean;
  exposedPorts?: string[];
  configVolumes?: string[];
  healthcheck?: HealthConfig;
  binds?: string[];
  anonymousVolumes?: string[];
  cpuQuota?: number;
  cpuPeriod?: number;
  networkMode?: string;
  logType?: string;
}

/** Runtime create options the protocol's request does not carry, merged into the options. */
export interface RuntimeExtras {
  dns?: string[];
  extraHosts?: string[];
  shmSize?: number;
  ulimits?: Array<{ name: string; soft: number; hard: number }>;
  memoryReservation?: number;
  blkioWeight?: number;
  /** The first attach client's end of input closes stdin (`docker run -i` without `-t`). */
  stdinOnce?: boolean;
}

export interface BerthCreate {
  request: CreateContainerRequest;
  runtime: RuntimeExtras;
  docker: DockerExtras;
  /** Volumes to create before the container (anonymous ones: `-v /data`, `Mounts` without source). */
  anonymousVolumes: string[];
  warnings: string[];
}

const LOG_TYPES = new Set(['', 'json-file', 'k8s-file', 'local']);
const nz = (v: number | null | undefined): number | undefined => (v ? v : undefined);
const ne = (v: string | null | undefined): string | undefined => (v ? v : undefined);

/** Pure: a container name from the query (`/name` is accepted, as Docker does). */
export function containerNameOf(raw: string | undefined): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  const name = raw.startsWith('/') ? raw.slice(1) : raw;
  if (!/^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/.test(name))
    throw new AgentError(
      'INVALID_ARGUMENT',
      `Invalid container name (${raw}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed`,
    );
  return name;
}

/** Pure: `Entrypoint: [""]` is how the CLI says `--entrypoint ''` (clear the image's). */
function entrypointOf(ep: string[] | null | undefined): string[] | undefined {
  if (!ep) return undefined;
  if (ep.length === 1 && ep[0] === '') return [];
  return ep;
}

/** Pure: Docker's `Healthcheck` (durations in ns, 0 = inherit) → the agent's health check. */
export function healthcheckOf(h: HealthConfig | null | undefined): Healthcheck | undefined {
  if (!h) return undefined;
  for (const k of ['Interval', 'Timeout', 'StartPeriod'] as const) {
    const v = h[k];
    if (v && v < 1e6)
      throw new AgentError(
        'INVALID_ARGUMENT',
        `Healthcheck.${k} in nanoseconds must be at least 1ms`,
      );
  }
  if (h.Retries !== null && h.Retries !== undefined && h.Retries < 0)
    throw new AgentError('INVALID_ARGUMENT', 'Healthcheck.Retries must not be negative');
  return {
    test: [...(h.Test ?? [])],
    ...(h.Interval ? { interval: h.Interval } : {}),
    ...(h.Timeout ? { timeout: h.Timeout } : {}),
    ...(h.Retries ? { retries: h.Retries } : {}),
    ...(h.StartPeriod ? { startPeriod: h.StartPeriod } : {}),
  };
}

/**
 * Pure: Docker's create body (+ `?name=`) → Berth's create request and what rides along.
 * `newVolumeName` names anonymous volumes (64 hex chars, as Docker does).
 */
export function toBerthCreate(
  body: ContainerCreateBody,
  name: string | undefined,
  newVolumeName: () => string,
): BerthCreate {
  const hc = body.HostConfig ?? {};
  refuseUnsupportedHostConfig(hc);
  if (body.MacAddress) throw unsupported('MacAddress', body.MacAddress);
  if (body.Shell?.length) throw unsupported('Shell');
  if (body.OnBuild?.length) throw unsupported('OnBuild');
  const logType = hc.LogConfig?.Type ?? '';
  if (!LOG_TYPES.has(logType)) throw unsupported('HostConfig.LogConfig.Type', logType);

  const anonymousVolumes: string[] = [];
  const anonymous = () => {
    const n = newVolumeName();
    anonymousVolumes.push(n);
    return n;
  };
  const volumes = (hc.Binds ?? []).map(bindToVolumeSpec);
  const tmpfs = Object.entries(hc.Tmpfs ?? {}).map(([dst, o]) => (o ? `${dst}:${o}` : dst));
  for (const m of hc.Mounts ?? []) {
    const spec = mountToSpec(m, anonymous);
    if (spec.volume) volumes.push(spec.volume);
    if (spec.tmpfs) tmpfs.push(spec.tmpfs);
  }
  const taken = new Set(volumes.map((v) => v.split(':')[1]));
  for (const dst of Object.keys(body.Volumes ?? {}))
    if (!taken.has(dst) && !tmpfs.some((t) => t.split(':')[0] === dst))
      volumes.push(`${anonymous()}:${dst}`);

  const net = networkOf(body, hc);
  const memorySwap = hc.MemorySwap ? hc.MemorySwap : undefined;
  const pids = hc.PidsLimit && hc.PidsLimit > 0 ? hc.PidsLimit : undefined;
  const request: CreateContainerRequest = {
    image: body.Image,
    ...(name === undefined ? {} : { name }),
    ...(body.Cmd ? { cmd: body.Cmd } : {}),
    ...(entrypointOf(body.Entrypoint) ? { entrypoint: entrypointOf(body.Entrypoint) } : {}),
    // `KEY` without `=` asks the client to pass the variable from its environment; the CLI
    // resolves it, so one that arrives here was unset there
    env: (body.Env ?? []).filter((e) => /^[^=]+=/.test(e)),
    ...(ne(body.WorkingDir) ? { workdir: body.WorkingDir! } : {}),
    ...(ne(body.User) ? { user: body.User! } : {}),
    ...(ne(body.Hostname) ? { hostname: body.Hostname! } : {}),
    ports: portBindingsToSpecs(hc.PortBindings),
    volumes,
    ...(nz(hc.Memory) ? { memory: hc.Memory! } : {}),
    ...(memorySwap ? { memorySwap } : {}),
    ...(cpusOf(hc) ? { cpus: cpusOf(hc)! } : {}),
    ...(nz(hc.CpuShares) ? { cpuShares: hc.CpuShares! } : {}),
    ...(ne(hc.CpusetCpus) ? { cpusetCpus: hc.CpusetCpus! } : {}),
    ...(pids ? { pidsLimit: pids } : {}),
    ...(restartPolicyToSpec(hc.RestartPolicy)
      ? { restart: restartPolicyToSpec(hc.RestartPolicy)! }
      : {}),
    network: net.network as CreateContainerRequest['network'],
    ...(net.networks.length ? { networks: net.networks } : {}),
    ...(healthcheckOf(body.Healthcheck) ? { healthcheck: healthcheckOf(body.Healthcheck)! } : {}),
    init: hc.Init ?? false,
    labels: { ...(body.Labels ?? {}) },
    readOnly: hc.ReadonlyRootfs ?? false,
    tmpfs,
    capAdd: hc.CapAdd ?? [],
    capDrop: hc.CapDrop ?? [],
    privileged: hc.Privileged ?? false,
    autoRemove: hc.AutoRemove ?? false,
    tty: body.Tty ?? false,
    openStdin: body.OpenStdin ?? false,
    ...(ne(body.StopSignal) ? { stopSignal: body.StopSignal! } : {}),
    ...(body.StopTimeout !== null && body.StopTimeout !== undefined && body.StopTimeout >= 0
      ? { stopTimeout: body.StopTimeout }
      : {}),
  };
  const runtime: RuntimeExtras = {
    ...(hc.Dns?.length ? { dns: hc.Dns } : {}),
    ...(hc.ExtraHosts?.length ? { extraHosts: hc.ExtraHosts } : {}),
    ...(nz(hc.ShmSize) ? { shmSize: hc.ShmSize! } : {}),
    ...(hc.Ulimits?.length
      ? { ulimits: hc.Ulimits.map((u) => ({ name: u.Name, soft: u.Soft, hard: u.Hard })) }
      : {}),
    ...(nz(hc.MemoryReservation) ? { memoryReservation: hc.MemoryReservation! } : {}),
    ...(nz(hc.BlkioWeight) ? { blkioWeight: hc.BlkioWeight! } : {}),
    ...(body.OpenStdin && body.StdinOnce ? { stdinOnce: true } : {}),
  };
  const docker: DockerExtras = {
    ...(ne(body.Domainname) ? { domainname: body.Domainname! } : {}),
    attachStdin: body.AttachStdin ?? false,
    attachStdout: body.AttachStdout ?? false,
    attachStderr: body.AttachStderr ?? false,
    stdinOnce: body.StdinOnce ?? false,
    ...(body.ExposedPorts ? { exposedPorts: Object.keys(body.ExposedPorts) } : {}),
    ...(body.Volumes ? { configVolumes: Object.keys(body.Volumes) } : {}),
    ...(body.Healthcheck ? { healthcheck: body.Healthcheck } : {}),
    ...(hc.Binds?.length ? { binds: hc.Binds } : {}),
    ...(anonymousVolumes.length ? { anonymousVolumes } : {}),
    ...(nz(hc.CpuQuota) ? { cpuQuota: hc.CpuQuota! } : {}),
    ...(nz(hc.CpuPeriod) ? { cpuPeriod: hc.CpuPeriod! } : {}),
    networkMode: net.dockerMode,
    ...(logType ? { logType } : {}),
  };
  return { request, runtime, docker, anonymousVolumes, warnings: [] };
}
