import type { ContainerDto } from '../../lib/dto/container.js';
import type { StackHostDto, StackServiceDto, StackSummaryDto } from '../../lib/dto/stack.js';
import type { StackRecord } from './stacks-repo.js';

/** Compose's labels the views read (as the agent's containers carry them). */
export const COMPOSE_LABEL = {
  project: 'com.docker.compose.project',
  service: 'com.docker.compose.service',
  oneoff: 'com.docker.compose.oneoff',
  configHash: 'com.docker.compose.config-hash',
} as const;

export interface HostInfo {
  id: string;
  name: string;
  online: boolean;
}

/** Pure: the compose project a container belongs to (not one-off `run` containers), else null. */
export function projectOf(c: ContainerDto): string | null {
  if (c.labels[COMPOSE_LABEL.oneoff] === 'True') return null;
  return c.labels[COMPOSE_LABEL.project] ?? null;
}

const healthRank = { healthy: 0, starting: 1, unhealthy: 2 } as const;

/**
 * Pure: every stack — the web's definitions and the projects found running without one — with
 * each host's copy: its services and containers (the agent's truth), the version the web deployed
 * there, and the drift between the two.
 */
export function stackViews(
  records: readonly StackRecord[],
  containers: readonly ContainerDto[],
  hosts: readonly HostInfo[],
): StackSummaryDto[] {
  const byProject = new Map<string, ContainerDto[]>();
  for (const c of containers) {
    const p = projectOf(c);
    if (p !== null) byProject.set(p, [...(byProject.get(p) ?? []), c]);
  }
  const hostById = new Map(hosts.map((h) => [h.id, h]));
  const out: StackSummaryDto[] = records.map((r) =>
    summary(r.name, r, byProject.get(r.name) ?? [], hostById),
  );
  const managed = new Set(records.map((r) => r.name));
  for (const [name, cs] of byProject)
    if (!managed.has(name)) out.push(summary(name, null, cs, hostById));
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function summary(
  name: string,
  record: StackRecord | null,
  containers: readonly ContainerDto[],
  hostById: ReadonlyMap<string, HostInfo>,
): StackSummaryDto {
  const latest = record?.versions[0]?.number ?? null;
  const hostIds = new Set([
    ...(record?.deployments.map((d) => d.hostId) ?? []),
    ...containers.map((c) => c.hostId),
  ]);
  const hosts = [...hostIds]
    .map((id) =>
      hostView(
        id,
        hostById.get(id),
        record,
        containers.filter((c) => c.hostId === id),
        latest,
      ),
    )
    .sort((a, b) => (a.hostName < b.hostName ? -1 : a.hostName > b.hostName ? 1 : 0));
  return {
    name,
    managed: record !== null,
    latestVersion: latest,
    updatedAt: record?.updatedAt.toISOString() ?? null,
    hosts,
  };
}

function hostView(
  hostId: string,
  host: HostInfo | undefined,
  record: StackRecord | null,
  containers: readonly ContainerDto[],
  latest: number | null,
): StackHostDto {
  const d = record?.deployments.find((x) => x.hostId === hostId) ?? null;
  const names = new Set(containers.map((c) => c.labels[COMPOSE_LABEL.service] ?? ''));
  for (const s of Object.keys(d?.serviceHashes ?? {})) names.add(s);
  const services: StackServiceDto[] = [...names].sort().map((name) => ({
    name,
    containers: containers
      .filter((c) => (c.labels[COMPOSE_LABEL.service] ?? '') === name)
      .sort((a, b) => (a.name < b.name ? -1 : 1)),
  }));
  let health: StackHostDto['health'] = null;
  for (const c of containers)
    if (c.health && (health === null || healthRank[c.health] > healthRank[health]))
      health = c.health;
  const deployment = d
    ? {
        versionNumber: d.versionNumber,
        status: d.status,
        error: d.error,
        deployedAt: d.deployedAt,
        updatedAt: d.updatedAt,
        operationId: d.operationId,
      }
    : null;
  return {
    hostId,
    hostName: host?.name ?? hostId,
    online: host?.online ?? false,
    services,
    deployment,
    running: containers.filter((c) => c.state === 'running').length,
    total: containers.length,
    health,
    drift: driftOf(record, d, services),
    outdated: d !== null && latest !== null && d.versionNumber > 0 && d.versionNumber < latest,
  };
}

/** Pure: how what runs on a host differs from the version the web deployed there. */
export function driftOf(
  record: StackRecord | null,
  d: StackRecord['deployments'][number] | null,
  services: readonly StackServiceDto[],
): string[] {
  if (record === null) return [];
  if (d === null)
    return services.length > 0 ? ['running here, but not deployed from the dashboard'] : [];
  if (d.versionNumber === 0 || d.status === 'deploying' || d.status === 'removing') return [];
  const out: string[] = [];
  const expected = d.serviceHashes;
  for (const s of services) {
    const hash = expected[s.name];
    if (hash === undefined) {
      if (s.containers.length > 0) out.push(`${s.name}: not in version ${d.versionNumber}`);
      continue;
    }
    if (s.containers.length === 0) out.push(`${s.name}: no container`);
    else if (s.containers.some((c) => c.labels[COMPOSE_LABEL.configHash] !== hash))
      out.push(`${s.name}: differs from version ${d.versionNumber}`);
  }
  return out;
}
