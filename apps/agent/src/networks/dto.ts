import type { Network, NetworkContainer, NetworkEndpoint } from '@berth/protocol';
import {
  compareText,
  type ContainerRecord,
  type NetworkEndpoint as RuntimeEndpoint,
  type NetworkRecord,
} from '@berth/runtime';
import { AgentError } from '../errors.js';

/** Pure: a runtime endpoint → the wire's (the route and DNS internals stay inside). */
export function endpointDto(e: RuntimeEndpoint): NetworkEndpoint {
  return {
    networkId: e.networkId,
    network: e.network,
    ifname: e.ifname,
    ip: e.ip,
    prefixLen: e.prefixLen,
    gateway: e.gateway,
    mac: e.mac,
    aliases: [...e.aliases],
    ipv4Address: e.ipv4Address,
  };
}

/** A container created before named networks: on the built-in network, its address in the record. */
function legacyEndpoint(rec: ContainerRecord) {
  if (rec.network.mode !== 'bridge' || rec.network.endpoints.length > 0) return undefined;
  return { ifname: 'eth0', ip: rec.network.ip, prefixLen: null, mac: null, aliases: [] };
}

/** Pure: a network record and the containers on it → the wire's network. */
export function networkDto(net: NetworkRecord, users: readonly ContainerRecord[]): Network {
  const containers: NetworkContainer[] = [];
  for (const rec of users) {
    const e =
      rec.network.endpoints.find((x) => x.networkId === net.id) ??
      (net.builtin ? legacyEndpoint(rec) : undefined);
    if (!e) continue;
    containers.push({
      id: rec.id,
      name: rec.name,
      ifname: e.ifname,
      ip: e.ip,
      prefixLen: e.prefixLen,
      mac: e.mac,
      aliases: [...e.aliases],
    });
  }
  return {
    id: net.id,
    name: net.name,
    driver: net.driver,
    scope: 'local',
    bridge: net.bridge,
    subnet: net.subnet,
    gateway: net.gateway,
    internal: net.internal,
    attachable: net.attachable,
    dns: net.dns,
    builtin: net.builtin,
    labels: { ...net.labels },
    options: { ...net.options },
    createdAt: net.createdAt,
    containers: containers.sort((a, b) => compareText(a.name, b.name)),
  };
}

/** Pure: `key=value` filters (Docker's `network ls --filter`) → a predicate; the same key ORs, keys AND. */
export function networkFilter(filters: readonly string[]): (n: Network) => boolean {
  const byKey = new Map<string, string[]>();
  for (const f of filters) {
    const i = f.indexOf('=');
    const key = f.slice(0, i);
    if (i < 0 || !['name', 'id', 'label', 'driver', 'type', 'dangling'].includes(key))
      throw new AgentError(
        'INVALID_ARGUMENT',
        `invalid filter "${f}": want name=, id=, label=, driver=, type=custom|builtin or dangling=true|false`,
      );
    byKey.set(key, [...(byKey.get(key) ?? []), f.slice(i + 1)]);
  }
  const tests: Record<string, (n: Network, v: string) => boolean> = {
    name: (n, v) => n.name.includes(v),
    id: (n, v) => n.id.startsWith(v),
    label: (n, v) => {
      const j = v.indexOf('=');
      return j < 0 ? v in n.labels : n.labels[v.slice(0, j)] === v.slice(j + 1);
    },
    driver: (n, v) => n.driver === v,
    type: (n, v) => (v === 'builtin' ? n.builtin : v === 'custom' ? !n.builtin : false),
    dangling: (n, v) => (n.containers.length === 0 && !n.builtin) === (v === 'true' || v === '1'),
  };
  return (n) => [...byKey].every(([k, vs]) => vs.some((v) => tests[k]!(n, v)));
}
