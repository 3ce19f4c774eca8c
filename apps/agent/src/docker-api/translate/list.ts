import type { HealthStatus } from '@berth/protocol';
import type { ContainerRecord } from '@berth/runtime';
import type { DockerContainerSummary } from '../types/container.js';
import type { Filters } from './filters.js';
import { labelsMatch } from './filters.js';
import { containerNetworksOf, networkModeOf, onNetwork, type NetworkNaming } from './endpoints.js';
import { commandOf, mountPointsOf } from './inspect.js';
import { optionsOf } from './options.js';
import { humanDuration } from '../../human-units.js';

export const CONTAINER_LIST_FILTERS = [
  'id',
  'name',
  'label',
  'status',
  'ancestor',
  'network',
  'exited',
  'before',
  'since',
] as const;

/** What `docker ps` appends for a container with a health check. */
const HEALTH_SUFFIX: Readonly<Record<HealthStatus, string>> = {
  starting: ' (health: starting)',
  healthy: ' (healthy)',
  unhealthy: ' (unhealthy)',
};

/** Pure: Docker's `Status` column. */
export function statusText(
  rec: ContainerRecord,
  now: Date,
  health: HealthStatus | null = null,
): string {
  const since = (t: string | null) => humanDuration(now.getTime() - Date.parse(t ?? rec.createdAt));
  switch (rec.state) {
    case 'running':
      return `Up ${since(rec.startedAt)}${health ? HEALTH_SUFFIX[health] : ''}`;
    case 'paused':
      return `Up ${since(rec.startedAt)} (Paused)`;
    case 'exited':
      return `Exited (${rec.exitCode ?? 0}) ${since(rec.finishedAt)} ago`;
    case 'removing':
      return 'Removal In Progress';
    default:
      return 'Created';
  }
}

/** Pure: a record → one `GET /containers/json` entry. */
export function toDockerSummary(
  rec: ContainerRecord,
  now: Date,
  volumeMountpoint: (name: string) => string,
  naming: NetworkNaming,
  health: HealthStatus | null = null,
): DockerContainerSummary {
  const o = optionsOf(rec);
  return {
    Id: rec.id,
    Names: [`/${rec.name}`],
    Image: o.str('image') ?? rec.image.ref ?? '',
    ImageID: rec.image.ref ?? '',
    Command: listCommand(commandOf(rec)),
    Created: Math.floor(Date.parse(rec.createdAt) / 1000),
    Ports: rec.network.ports.map((p) => ({
      IP: p.hostIp,
      PrivatePort: p.containerPort,
      PublicPort: p.hostPort,
      Type: p.protocol,
    })),
    Labels: { ...rec.labels },
    State: rec.state,
    Status: statusText(rec, now, health),
    HostConfig: { NetworkMode: networkModeOf(rec, o, naming) },
    NetworkSettings: { Networks: containerNetworksOf(rec, naming, 0) },
    Mounts: mountPointsOf(o, volumeMountpoint),
  };
}

/** Pure: does one `status` value match? (`restarting`/`dead` never do: Berth has no such state.) */
function statusMatches(rec: ContainerRecord, status: string): boolean {
  return rec.state === status;
}

/** Pure: Docker's list filters (values of one key are ORed, keys ANDed). */
export function containerMatches(
  rec: ContainerRecord,
  f: Filters,
  imageMatches: (ref: string, rec: ContainerRecord) => boolean,
  naming: NetworkNaming,
): boolean {
  const any = (key: string, pred: (v: string) => boolean) => {
    const vs = f.get(key);
    return !vs || vs.some(pred);
  };
  const networks = f.has('network') ? containerNetworksOf(rec, naming, 0) : {};
  return (
    any('id', (v) => rec.id.startsWith(v)) &&
    any('name', (v) => nameMatches(v, rec.name)) &&
    labelsMatch(f, rec.labels) &&
    any('status', (v) => statusMatches(rec, v)) &&
    any('ancestor', (v) => imageMatches(v, rec)) &&
    any('network', (v) => onNetwork(networks, v)) &&
    any('exited', (v) => rec.state === 'exited' && String(rec.exitCode ?? 0) === v)
  );
}

/**
 * Pure: Docker's name filter is a regular expression over `/name`. Users write plain names or
 * anchor them (`^/web$`, `^web`); those forms are matched without a regexp engine, so no input
 * can make the agent spin: `^` and `$` anchor, `\\.` is a dot, anything else is literal.
 */
export function nameMatches(filter: string, name: string): boolean {
  let f = filter;
  const start = f.startsWith('^');
  if (start) f = f.slice(1);
  const end = f.endsWith('$') && !f.endsWith('\\$');
  if (end) f = f.slice(0, -1);
  f = f.replace(/\\(.)/g, '$1');
  const full = `/${name}`;
  if (start && !f.startsWith('/')) f = `/${f}`;
  if (start && end) return full === f;
  if (start) return full.startsWith(f);
  if (end) return full.endsWith(f);
  return full.includes(f);
}

/**
 * Pure: a list entry's `Command` as dockerd writes it (container/view.go): path and args joined
 * by spaces, an argument that contains a space wrapped in single quotes.
 */
export function listCommand(argv: readonly string[]): string {
  return argv.map((a, i) => (i > 0 && a.includes(' ') ? `'${a}'` : a)).join(' ');
}
