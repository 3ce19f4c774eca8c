import { createHash } from 'node:crypto';
import type { Network } from '@berth/protocol';
import { AgentError } from '../../errors.js';
import type { DockerNetwork, DockerNetworkContainer } from '../types/network.js';
import { boolFilter, labelsMatch, type Filters } from './filters.js';

/** The names Docker reserves: its default bridge, the host's namespace, no network at all. */
export const PREDEFINED_NETWORKS = ['bridge', 'host', 'none'] as const;
export type ModeNetwork = 'host' | 'none';

export const NETWORK_LIST_FILTERS = [
  'name',
  'id',
  'label',
  'driver',
  'type',
  'dangling',
  'scope',
] as const;

const stableId = (seed: string) => createHash('sha256').update(seed).digest('hex');

/** Stable IDs for the `host` and `none` networks (they have no record: they are modes). */
export const MODE_NETWORK_IDS: Readonly<Record<ModeNetwork, string>> = {
  host: stableId('berth-docker-network:host'),
  none: stableId('berth-docker-network:none'),
};

export const MODE_NETWORKS: readonly ModeNetwork[] = ['host', 'none'];

/**
 * Pure: `host`/`none` by name or full ID, or (`byPrefix`) by an ID prefix of at least 3 hex
 * digits, as docker allows (tried after the real networks, which win a shared prefix).
 */
export function modeNetworkOf(ref: string, byPrefix = false): ModeNetwork | null {
  for (const m of MODE_NETWORKS) {
    const id = MODE_NETWORK_IDS[m];
    if (ref === m || ref === id) return m;
    if (byPrefix && /^[0-9a-f]{3,}$/.test(ref) && id.startsWith(ref)) return m;
  }
  return null;
}

/** Pure: a container's endpoint ID on a network (stable, so list, inspect and events agree). */
export function endpointIdOf(containerId: string, networkId: string): string {
  return stableId(`berth-endpoint:${containerId}:${networkId}`);
}

/** Pure: what Docker calls a network: the built-in one is `bridge`, whatever Berth names it. */
export function dockerNetworkName(net: { builtin: boolean; name: string }): string {
  return net.builtin ? 'bridge' : net.name;
}

/** The options dockerd reports on its default bridge (scripts read the bridge name there). */
function builtinOptions(bridge: string): Record<string, string> {
  return {
    'com.docker.network.bridge.default_bridge': 'true',
    'com.docker.network.bridge.enable_icc': 'true',
    'com.docker.network.bridge.enable_ip_masquerade': 'true',
    'com.docker.network.bridge.host_binding_ipv4': '0.0.0.0',
    'com.docker.network.bridge.name': bridge,
    'com.docker.network.driver.mtu': '1500',
  };
}

function base(
  over: Pick<DockerNetwork, 'Name' | 'Id' | 'Created' | 'Driver'> & Partial<DockerNetwork>,
): DockerNetwork {
  return {
    Scope: 'local',
    EnableIPv6: false,
    IPAM: { Driver: 'default', Options: null, Config: [] },
    Internal: false,
    Attachable: false,
    Ingress: false,
    ConfigFrom: { Network: '' },
    ConfigOnly: false,
    Containers: {},
    Options: {},
    Labels: {},
    ...over,
  };
}

/** Pure: a Berth network (with its containers) → Docker's network resource. */
export function toDockerNetwork(net: Network): DockerNetwork {
  const containers: Record<string, DockerNetworkContainer> = {};
  for (const c of net.containers)
    containers[c.id] = {
      Name: c.name,
      EndpointID: endpointIdOf(c.id, net.id),
      MacAddress: c.mac ?? '',
      IPv4Address: c.ip ? `${c.ip}/${c.prefixLen ?? net.subnet.split('/')[1]}` : '',
      IPv6Address: '',
    };
  return base({
    Name: dockerNetworkName(net),
    Id: net.id,
    Created: net.createdAt,
    Driver: net.driver,
    IPAM: {
      Driver: 'default',
      Options: net.builtin ? null : {},
      Config: [{ Subnet: net.subnet, Gateway: net.gateway }],
    },
    Internal: net.internal,
    Attachable: net.attachable ?? false,
    Containers: containers,
    Options: net.builtin ? builtinOptions(net.bridge) : { ...net.options },
    Labels: { ...net.labels },
  });
}

/** Pure: `host` or `none` as Docker lists them, with the containers in that mode. */
export function toModeNetwork(
  mode: ModeNetwork,
  containers: ReadonlyArray<{ id: string; name: string }>,
  created: string,
): DockerNetwork {
  const id = MODE_NETWORK_IDS[mode];
  return base({
    Name: mode,
    Id: id,
    Created: created,
    Driver: mode === 'host' ? 'host' : 'null',
    Containers: Object.fromEntries(
      containers.map((c) => [
        c.id,
        {
          Name: c.name,
          EndpointID: endpointIdOf(c.id, id),
          MacAddress: '',
          IPv4Address: '',
          IPv6Address: '',
        },
      ]),
    ),
  });
}

/**
 * Pure: Docker's `name`/`id` filters are regular expressions; users write plain text or anchor
 * it (`^web$`). Those forms are matched without a regexp engine (no input can make the agent
 * spin): `^` and `$` anchor, a backslash escapes, the rest is literal.
 */
export function patternMatches(filter: string, value: string): boolean {
  let f = filter;
  const start = f.startsWith('^');
  if (start) f = f.slice(1);
  const end = f.endsWith('$') && !f.endsWith('\\$');
  if (end) f = f.slice(0, -1);
  f = f.replace(/\\(.)/g, '$1');
  if (start && end) return value === f;
  if (start) return value.startsWith(f);
  if (end) return value.endsWith(f);
  return value.includes(f);
}

export const isPredefined = (name: string) =>
  (PREDEFINED_NETWORKS as readonly string[]).includes(name);

/** Pure: Docker's network list filters (values of one key ORed, keys ANDed, labels ANDed). */
export function dockerNetworkMatches(n: DockerNetwork, f: Filters): boolean {
  const any = (key: string, pred: (v: string) => boolean) => {
    const vs = f.get(key);
    return !vs || vs.some(pred);
  };
  const types = f.get('type') ?? [];
  for (const t of types)
    if (t !== 'custom' && t !== 'builtin')
      throw new AgentError('INVALID_ARGUMENT', `invalid filter: 'type'='${t}'`);
  const dangling = boolFilter(f, 'dangling');
  const builtin = isPredefined(n.Name);
  return (
    any('name', (v) => patternMatches(v, n.Name)) &&
    any('id', (v) => patternMatches(v, n.Id)) &&
    any('driver', (v) => v === n.Driver) &&
    any('scope', (v) => v === n.Scope) &&
    any('type', (v) => (v === 'builtin') === builtin) &&
    labelsMatch(f, n.Labels) &&
    (dangling === undefined || dangling === (!builtin && Object.keys(n.Containers).length === 0))
  );
}
