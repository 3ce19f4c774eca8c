import type { ContainerRecord } from '@berth/runtime';
import type { DockerEndpointSettings } from '../types/container.js';
import { MODE_NETWORK_IDS, endpointIdOf } from './networks.js';
import type { Options } from './options.js';

type Endpoint = ContainerRecord['network']['endpoints'][number];

/** What the container translations need to know about the host's networks. */
export interface NetworkNaming {
  /** The runtime's ID of the built-in network (Docker's `bridge`). */
  builtinNetworkId: string;
}

const EMPTY: Omit<DockerEndpointSettings, 'NetworkID' | 'EndpointID' | 'Aliases'> = {
  IPAMConfig: null,
  Links: null,
  Gateway: '',
  IPAddress: '',
  IPPrefixLen: 0,
  IPv6Gateway: '',
  GlobalIPv6Address: '',
  GlobalIPv6PrefixLen: 0,
  MacAddress: '',
  DriverOpts: null,
};

/**
 * Pure: one endpoint as Docker reports it. On a user-defined network the aliases end with the
 * short container ID, as dockerd adds it (and as docker-compose checks before it reconnects a
 * container it just created); the network's DNS answers for it.
 */
export function endpointSettings(
  containerId: string,
  ep: Endpoint,
  builtin: boolean,
): DockerEndpointSettings {
  const aliases = builtin ? [] : [...new Set([...ep.aliases, containerId.slice(0, 12)])];
  return {
    ...EMPTY,
    IPAMConfig: ep.ipv4Address ? { IPv4Address: ep.ipv4Address } : null,
    Aliases: aliases.length ? aliases : null,
    NetworkID: ep.networkId,
    EndpointID: ep.ip ? endpointIdOf(containerId, ep.networkId) : '',
    Gateway: ep.gateway ?? '',
    IPAddress: ep.ip ?? '',
    IPPrefixLen: ep.ip ? (ep.prefixLen ?? 0) : 0,
    MacAddress: ep.mac ?? '',
  };
}

/** A record written before named networks: on the built-in network, its address in the record. */
function legacyEndpoint(rec: ContainerRecord, naming: NetworkNaming): Endpoint {
  return {
    networkId: naming.builtinNetworkId,
    network: 'bridge',
    ifname: 'eth0',
    ip: rec.network.ip,
    prefixLen: null,
    gateway: rec.network.gateway,
    mac: null,
    aliases: [],
    ipv4Address: null,
    defaultRoute: true,
    dnsServer: null,
  };
}

/**
 * Pure: `NetworkSettings.Networks` — one entry per network in interface order, keyed by the
 * network's Docker name (`bridge` for the built-in one); `host`/`none` for those modes.
 * `bridgePrefixLen` fills the prefix of legacy records.
 */
export function containerNetworksOf(
  rec: ContainerRecord,
  naming: NetworkNaming,
  bridgePrefixLen: number,
): Record<string, DockerEndpointSettings> {
  const mode = rec.network.mode;
  if (mode === 'host' || mode === 'none') {
    const id = MODE_NETWORK_IDS[mode];
    return {
      [mode]: { ...EMPTY, Aliases: null, NetworkID: id, EndpointID: endpointIdOf(rec.id, id) },
    };
  }
  const eps = rec.network.endpoints.length
    ? rec.network.endpoints
    : [{ ...legacyEndpoint(rec, naming), prefixLen: rec.network.ip ? bridgePrefixLen : null }];
  const out: Record<string, DockerEndpointSettings> = {};
  for (const ep of eps) {
    const builtin = ep.networkId === naming.builtinNetworkId;
    out[builtin ? 'bridge' : ep.network] = endpointSettings(rec.id, ep, builtin);
  }
  return out;
}

/** Pure: `HostConfig.NetworkMode`: as the Docker client asked, else from the record. */
export function networkModeOf(rec: ContainerRecord, o: Options, naming: NetworkNaming): string {
  if (o.docker.networkMode) return o.docker.networkMode;
  const first = rec.network.endpoints[0];
  if (rec.network.mode === 'bridge' && first && first.networkId !== naming.builtinNetworkId)
    return first.network;
  return rec.network.mode;
}

/** Pure: is a network reference (name, ID or ID prefix) one of this container's networks? */
export function onNetwork(
  networks: Readonly<Record<string, DockerEndpointSettings>>,
  ref: string,
): boolean {
  return Object.entries(networks).some(
    ([name, ep]) => name === ref || (ref.length >= 3 && ep.NetworkID.startsWith(ref)),
  );
}
