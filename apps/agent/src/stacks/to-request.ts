import type { ContainerSpec, PortConfig } from '@berth/compose';
import type { CreateContainerRequest } from '@berth/protocol';

export interface Resolved {
  /** Container name to create under (the final one). */
  name: string;
  /** Anonymous volume target → the volume name made for it. */
  anonymousVolumes: ReadonlyMap<string, string>;
  /** Host port chosen for each `published: null` port, in `spec.ports` order. */
  hostPorts: ReadonlyMap<number, number>;
}

/** Pure: one port → the runtime's `[ip:]host:container/proto`. */
export function portSpec(p: PortConfig, hostPort: number): string {
  const ip = p.hostIp === '' ? '' : p.hostIp.includes(':') ? `[${p.hostIp}]:` : `${p.hostIp}:`;
  return `${ip}${hostPort}:${p.target}/${p.protocol}`;
}

/** Pure: a planned container → the agent's create request. */
export function toCreateRequest(spec: ContainerSpec, r: Resolved): CreateContainerRequest {
  const req: CreateContainerRequest = {
    image: spec.image,
    name: r.name,
    env: spec.env,
    labels: spec.labels,
    ports: spec.ports.map((p, i) => portSpec(p, p.published ?? (r.hostPorts.get(i) as number))),
    volumes: spec.mounts.flatMap((m) => {
      if (m.type === 'tmpfs') return [];
      const source = m.type === 'bind' ? m.source : (m.name ?? r.anonymousVolumes.get(m.target));
      return [`${source}:${m.target}${m.readOnly ? ':ro' : ''}`];
    }),
    tmpfs: spec.mounts.flatMap((m) =>
      m.type === 'tmpfs' ? [m.options ? `${m.target}:${m.options}` : m.target] : [],
    ),
    tty: spec.tty,
    openStdin: spec.stdinOpen,
    init: spec.init,
    readOnly: spec.readOnly,
    capAdd: spec.capAdd,
    capDrop: spec.capDrop,
    restart: spec.restart,
  };
  const set = <K extends keyof CreateContainerRequest>(
    k: K,
    v: CreateContainerRequest[K] | null,
  ) => {
    if (v !== null && v !== undefined) req[k] = v;
  };
  set('cmd', spec.command);
  set('entrypoint', spec.entrypoint);
  set('workdir', spec.workingDir);
  set('user', spec.user);
  set('hostname', spec.hostname);
  set('stopSignal', spec.stopSignal);
  set('stopTimeout', spec.stopTimeout);
  set('memory', spec.memory);
  set('memoryReservation', spec.memoryReservation);
  set('cpus', spec.cpus);
  set('pidsLimit', spec.pidsLimit);
  set('dns', spec.dns.length > 0 ? spec.dns : null);
  set('extraHosts', spec.extraHosts.length > 0 ? spec.extraHosts : null);
  set('privileged', spec.privileged ?? null);
  set('pid', spec.pid ?? null);
  set('ipc', spec.ipc ?? null);
  set('sysctls', spec.sysctls ?? null);
  set('securityOpt', spec.securityOpt ?? null);
  set('devices', spec.devices ?? null);
  if (spec.healthcheck) {
    const h = spec.healthcheck;
    req.healthcheck = { test: h.test };
    for (const k of ['interval', 'timeout', 'retries', 'startPeriod', 'startInterval'] as const)
      if (h[k] > 0) req.healthcheck[k] = h[k];
  }
  if (spec.networkMode !== null) req.network = spec.networkMode;
  else if (spec.networks.length > 0) {
    req.network = spec.networks[0]!.name;
    req.networks = spec.networks.map((n) => ({
      network: n.name,
      aliases: n.aliases,
      ...(n.ipv4Address ? { ipv4Address: n.ipv4Address } : {}),
    }));
  }
  return req;
}

/**
 * Pure: the create request of a planned container with placeholders for what is chosen at deploy
 * time (anonymous volume names, ephemeral host ports): what its elevated options and the host
 * policy are judged on before anything is created.
 */
export function previewRequest(spec: ContainerSpec): CreateContainerRequest {
  const anonymousVolumes = new Map<string, string>();
  for (const m of spec.mounts)
    if (m.type === 'volume' && m.name === null) anonymousVolumes.set(m.target, '0'.repeat(64));
  const hostPorts = new Map(spec.ports.map((_p, i) => [i, 0] as [number, number]));
  return toCreateRequest(spec, { name: spec.name, anonymousVolumes, hostPorts });
}
