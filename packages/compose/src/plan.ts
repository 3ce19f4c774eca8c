import { configHash } from './config-hash.js';
import { COMPOSE_COMPAT_VERSION, LABEL } from './labels.js';
import type { Project, ServiceConfig, VolumeMount } from './model.js';
import { dependencyOrder } from './order.js';
import type {
  ContainerPlan,
  ContainerSpec,
  NetworkPlan,
  ServicePlan,
  SpecMount,
  StackPlan,
  VolumePlan,
} from './plan-types.js';

/** Pure: Compose v2's container name, `<project>-<service>-<n>` (or `container_name`). */
export function containerName(
  project: string,
  svc: Pick<ServiceConfig, 'name' | 'containerName'>,
  n: number,
): string {
  return svc.containerName ?? `${project}-${svc.name}-${n}`;
}

/** Pure: a normalized project → the plan `up` carries out. */
export function planProject(p: Project): StackPlan {
  const networks: NetworkPlan[] = Object.entries(p.networks).map(([key, n]) => ({
    key,
    name: n.name,
    external: n.external,
    internal: n.internal,
    subnet: n.subnet,
    gateway: n.gateway,
    labels: n.external
      ? {}
      : {
          ...n.labels,
          [LABEL.project]: p.name,
          [LABEL.network]: key,
          [LABEL.version]: COMPOSE_COMPAT_VERSION,
        },
  }));
  const volumes: VolumePlan[] = Object.entries(p.volumes).map(([key, v]) => ({
    key,
    name: v.name,
    external: v.external,
    labels: v.external
      ? {}
      : {
          ...v.labels,
          [LABEL.project]: p.name,
          [LABEL.volume]: key,
          [LABEL.version]: COMPOSE_COMPAT_VERSION,
        },
  }));
  const services = dependencyOrder(p.services).map((name) =>
    servicePlan(p, p.services[name] as ServiceConfig),
  );
  return {
    project: p.name,
    workingDir: p.workingDir,
    configFiles: p.configFiles,
    networks,
    volumes,
    services,
    warnings: p.warnings,
  };
}

function servicePlan(p: Project, svc: ServiceConfig): ServicePlan {
  const hash = configHash(svc);
  const containers: ContainerPlan[] = [];
  for (let n = 1; n <= svc.replicas; n++) {
    const name = containerName(p.name, svc, n);
    containers.push({
      service: svc.name,
      number: n,
      name,
      spec: containerSpec(p, svc, n, name, hash),
    });
  }
  return {
    name: svc.name,
    image: svc.image,
    pullPolicy: svc.pullPolicy,
    replicas: svc.replicas,
    configHash: hash,
    dependsOn: svc.dependsOn,
    hasHealthcheck: svc.healthcheck !== null && svc.healthcheck.test[0] !== 'NONE',
    containers,
  };
}

/** Pure: the labels of one service container (user labels first; Compose's win). */
export function containerLabels(
  p: Project,
  svc: ServiceConfig,
  n: number,
  hash: string,
): Record<string, string> {
  const deps = Object.entries(svc.dependsOn).map(([d, c]) => `${d}:${c.condition}:${c.restart}`);
  return {
    ...svc.labels,
    [LABEL.project]: p.name,
    [LABEL.service]: svc.name,
    [LABEL.containerNumber]: String(n),
    [LABEL.oneoff]: 'False',
    [LABEL.configHash]: hash,
    [LABEL.workingDir]: p.workingDir,
    [LABEL.configFiles]: p.configFiles.join(','),
    [LABEL.version]: COMPOSE_COMPAT_VERSION,
    [LABEL.dependsOn]: deps.join(','),
  };
}

function containerSpec(
  p: Project,
  svc: ServiceConfig,
  n: number,
  name: string,
  hash: string,
): ContainerSpec {
  return {
    name,
    image: svc.image,
    command: svc.command,
    entrypoint: svc.entrypoint,
    env: Object.entries(svc.environment).map(([k, v]) => `${k}=${v}`),
    workingDir: svc.workingDir,
    user: svc.user,
    hostname: svc.hostname,
    tty: svc.tty,
    stdinOpen: svc.stdinOpen,
    init: svc.init,
    readOnly: svc.readOnly,
    stopSignal: svc.stopSignal,
    stopTimeout: svc.stopGracePeriod === null ? null : Math.ceil(svc.stopGracePeriod / 1e9),
    capAdd: svc.capAdd,
    capDrop: svc.capDrop,
    labels: containerLabels(p, svc, n, hash),
    ports: svc.ports,
    expose: svc.expose,
    mounts: [
      ...svc.volumes.map((m) => specMount(p, m)),
      ...[...svc.secrets, ...svc.configs].map((f): SpecMount => ({
        type: 'bind',
        source: f.file,
        target: f.target,
        readOnly: true,
        createHostPath: false,
      })),
    ],
    networks: Object.entries(svc.networks).map(([key, net]) => ({
      name: p.networks[key]?.name ?? `${p.name}_${key}`,
      aliases: [...new Set([name, svc.name, ...net.aliases])],
      ipv4Address: net.ipv4Address,
    })),
    networkMode: svc.networkMode,
    dns: svc.dns,
    extraHosts: svc.extraHosts,
    restart: svc.restart,
    healthcheck: svc.healthcheck,
    memory: svc.resources.memoryLimit,
    memoryReservation: svc.resources.memoryReservation,
    cpus: svc.resources.cpus,
    pidsLimit: svc.resources.pidsLimit,
    ...(svc.privileged ? { privileged: svc.privileged } : {}),
    ...(svc.pid ? { pid: svc.pid } : {}),
    ...(svc.ipc ? { ipc: svc.ipc } : {}),
    ...(svc.sysctls ? { sysctls: svc.sysctls } : {}),
    ...(svc.securityOpt ? { securityOpt: svc.securityOpt } : {}),
    ...(svc.devices ? { devices: svc.devices } : {}),
  };
}

function specMount(p: Project, m: VolumeMount): SpecMount {
  switch (m.type) {
    case 'volume':
      return {
        type: 'volume',
        name: m.source === null ? null : (p.volumes[m.source]?.name ?? `${p.name}_${m.source}`),
        target: m.target,
        readOnly: m.readOnly,
      };
    case 'bind':
      return m;
    case 'tmpfs': {
      const opts = [
        m.size === null ? '' : `size=${m.size}`,
        m.mode === null ? '' : `mode=${m.mode.toString(8)}`,
      ];
      return { type: 'tmpfs', target: m.target, options: opts.filter(Boolean).join(',') };
    }
  }
}
