import type { CachedAttachment } from './attachment-cache.js';
import type { PortMapping } from './ports.js';

export type NetworkMode = 'bridge' | 'none' | 'host';

/** A container's interface on one network (Docker's endpoint). */
export interface NetworkEndpoint {
  networkId: string;
  network: string;
  /** `eth0` for the first network, then `eth1`, … */
  ifname: string;
  ip: string | null;
  prefixLen: number | null;
  gateway: string | null;
  mac: string | null;
  aliases: string[];
  /** The address asked for (compose's `ipv4_address`), null when IPAM chose. */
  ipv4Address: string | null;
  /** Whether the container's default route goes through this network. */
  defaultRoute: boolean;
  /** This network's DNS server (dnsmasq on the gateway), null without name resolution. */
  dnsServer: string | null;
}

export interface NetworkAttachment {
  mode: NetworkMode;
  /** The namespace to put in config.json (null for host). */
  netnsPath: string | null;
  /** The first endpoint's address and gateway (what `inspect` shows at the top level). */
  ip: string | null;
  gateway: string | null;
  ports: PortMapping[];
  endpoints: NetworkEndpoint[];
}

/** Pure: what a cached attachment tells about its interface (address from the bridge result). */
export function endpointOf(a: CachedAttachment): NetworkEndpoint {
  const ipEntry = a.result?.ips?.[0];
  const iface =
    ipEntry?.interface === undefined ? undefined : a.result?.interfaces?.[ipEntry.interface];
  const [ip, prefix] = ipEntry ? ipEntry.address.split('/') : [];
  return {
    networkId: a.networkId,
    network: a.network,
    ifname: a.ifname,
    ip: ip ?? null,
    prefixLen: prefix === undefined ? null : Number(prefix),
    gateway: ipEntry?.gateway ?? null,
    mac: iface?.mac ?? null,
    aliases: [...a.aliases],
    ipv4Address: a.ipv4Address,
    defaultRoute: a.defaultRoute,
    dnsServer: a.dnsServer,
  };
}

/** Pure: `eth0`, `eth1`, …: the lowest index no current interface uses. */
export function nextIfname(used: readonly string[]): string {
  for (let i = 0; ; i++) if (!used.includes(`eth${i}`)) return `eth${i}`;
}

/** Pure: the DNS server a container should use: the first of its networks that has one. */
export function primaryDnsServer(endpoints: readonly NetworkEndpoint[]): string | null {
  return endpoints.find((e) => e.dnsServer !== null)?.dnsServer ?? null;
}
