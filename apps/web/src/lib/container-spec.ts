import type {
  ContainerInspect,
  CreateContainerRequest,
  ImageInspect,
  PortBinding,
} from '@berth/protocol';

/** What of the image a container was made from its settings are compared against. */
export type ImageDefaults = Pick<ImageInspect['config'], 'env' | 'cmd' | 'entrypoint' | 'user'> & {
  workingDir: string;
  stopSignal: string | null;
};

/** The settings to recreate a container from, and what of it could not be copied (in words). */
export interface ContainerSpec {
  request: CreateContainerRequest;
  notCopied: string[];
}

const DEFAULT_STOP_TIMEOUT = 10;
const ANY_IP = new Set(['', '0.0.0.0', '::']);
const same = (a: readonly string[] | null | undefined, b: readonly string[] | null | undefined) =>
  JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Pure: `[ip:]host:container[/udp]`, as the create form and `docker run -p` write a binding. */
export function portSpec(p: PortBinding): string {
  const ip = ANY_IP.has(p.hostIp) ? '' : p.hostIp.includes(':') ? `[${p.hostIp}]:` : `${p.hostIp}:`;
  return `${ip}${p.hostPort}:${p.containerPort}${p.protocol === 'udp' ? '/udp' : ''}`;
}

/**
 * Pure: the variables the request set. Inspect lists the image's variables first, then the
 * request's: with the image known that prefix is dropped; without it, every variable is kept
 * (the last of each name wins, as in the container).
 */
export function requestEnv(env: readonly string[], imageEnv: readonly string[] | null): string[] {
  if (imageEnv && same(env.slice(0, imageEnv.length), imageEnv)) return env.slice(imageEnv.length);
  const byName = new Map<string, string>();
  for (const e of env) byName.set(e.slice(0, Math.max(e.indexOf('='), 0)) || e, e);
  return [...byName.values()];
}

/** Pure: `restart` as the request writes it; undefined for the default (`no`). */
function restartOf(p: ContainerInspect['restartPolicy']): string | undefined {
  if (p.name === 'no') return undefined;
  return p.name === 'on-failure' && p.maximumRetryCount > 0
    ? `on-failure:${p.maximumRetryCount}`
    : p.name;
}

/** Pure: the network fields; a container on named networks lists them all, with their aliases. */
function networkFields(c: ContainerInspect): Partial<CreateContainerRequest> {
  if (c.network !== 'bridge') return { network: c.network };
  const eps = c.networks;
  const first = eps[0];
  if (!first || (eps.length === 1 && first.network === 'bridge')) return {};
  const extras = eps.length > 1 || eps.some((e) => e.aliases.length > 0 || e.ipv4Address);
  return {
    network: first.network,
    ...(extras
      ? {
          networks: eps.map((e) => ({
            network: e.network,
            ...(e.aliases.length > 0 ? { aliases: [...e.aliases] } : {}),
            ...(e.ipv4Address ? { ipv4Address: e.ipv4Address } : {}),
          })),
        }
      : {}),
  };
}

const nonEmpty = <T>(xs: readonly T[] | undefined): T[] | undefined =>
  xs && xs.length > 0 ? [...xs] : undefined;
const nonEmptyRecord = (r: Record<string, string> | undefined) =>
  r && Object.keys(r).length > 0 ? { ...r } : undefined;
const host = (m: 'private' | 'host' | undefined) => (m === 'host' ? ('host' as const) : undefined);

/**
 * Pure: a container's settings as the create request that makes it again ("Duplicate/Edit"),
 * from its inspect and, when still on the host, its image's config: what equals the image's own
 * (variables, command, user, working directory, stop signal) is left to the image, so a copy from
 * another image version takes that version's. Unset and default values are left out.
 */
export function specFromInspect(c: ContainerInspect, image: ImageDefaults | null): ContainerSpec {
  const cfg = c.config;
  const notCopied: string[] = [];
  const securityOpt = (cfg.securityOpt ?? []).filter((o) => {
    const custom = o === 'seccomp=<custom profile>';
    if (custom) notCopied.push('the custom seccomp profile (add it again under Advanced)');
    return !custom;
  });
  if (cfg.pid === undefined)
    notCopied.push(
      'host namespaces, devices, sysctls, DNS servers, extra hosts and the memory reservation (this host’s agent does not report them)',
    );
  // the argv runs entrypoint + cmd; an entrypoint given at create resets the image's cmd
  const keepEntrypoint = !image || !same(cfg.entrypoint, image.entrypoint);
  const cmd = c.command.slice((cfg.entrypoint ?? []).length);
  const keepCmd = keepEntrypoint ? cmd.length > 0 : !same(cmd, image?.cmd ?? []);
  const workdir = cfg.workingDir && cfg.workingDir !== image?.workingDir ? cfg.workingDir : null;
  const user = cfg.user && cfg.user !== (image?.user ?? '') ? cfg.user : null;
  const stopSignal =
    c.stopSignal !== 'SIGTERM' && c.stopSignal !== image?.stopSignal ? c.stopSignal : null;
  const l = c.limits;
  const optional: Partial<CreateContainerRequest> = {
    cmd: keepCmd ? cmd : undefined,
    entrypoint: keepEntrypoint && cfg.entrypoint ? [...cfg.entrypoint] : undefined,
    workdir: workdir?.startsWith('/') ? workdir : undefined,
    user: user ?? undefined,
    hostname: cfg.hostname ?? undefined,
    memory: l.memory ?? undefined,
    memorySwap: l.memorySwap ?? undefined,
    cpus: l.cpus ?? undefined,
    cpuShares: l.cpuShares ?? undefined,
    cpusetCpus: l.cpusetCpus ?? undefined,
    pidsLimit: l.pidsLimit ?? undefined,
    memoryReservation: cfg.memoryReservation ?? undefined,
    restart: restartOf(c.restartPolicy),
    ...networkFields(c),
    init: cfg.init || undefined,
    labels: nonEmptyRecord(c.labels),
    readOnly: cfg.readOnly || undefined,
    tmpfs: nonEmpty(Object.entries(cfg.tmpfs).map(([t, o]) => (o ? `${t}:${o}` : t))),
    capAdd: nonEmpty(cfg.capAdd),
    capDrop: nonEmpty(cfg.capDrop),
    privileged: cfg.privileged || undefined,
    pid: host(cfg.pid),
    ipc: host(cfg.ipc),
    uts: host(cfg.uts),
    cgroupns: host(cfg.cgroupns),
    devices: nonEmpty(cfg.devices),
    sysctls: nonEmptyRecord(cfg.sysctls),
    securityOpt: nonEmpty(securityOpt),
    autoRemove: c.autoRemove || undefined,
    tty: cfg.tty || undefined,
    openStdin: cfg.openStdin || undefined,
    stopSignal: stopSignal ?? undefined,
    stopTimeout: c.stopTimeout !== DEFAULT_STOP_TIMEOUT ? c.stopTimeout : undefined,
    dns: nonEmpty(cfg.dns),
    extraHosts: nonEmpty(cfg.extraHosts),
    healthcheck: cfg.healthcheck ?? undefined,
  };
  const request: CreateContainerRequest = {
    image: c.image,
    name: c.name,
    env: requestEnv(cfg.env, image?.env ?? null),
    ports: c.ports.map(portSpec),
    volumes: c.mounts
      .filter((m) => m.type !== 'tmpfs')
      .map((m) => `${m.source}:${m.destination}${m.readOnly ? ':ro' : ''}`),
  };
  for (const [k, v] of Object.entries(optional))
    if (v !== undefined) Object.assign(request, { [k]: v });
  return { request, notCopied };
}
