import type { PortMapping } from './ports.js';

export const CNI_VERSION = '1.0.0';
/** The search domain dnsname gives every user network (Podman's is `dns.podman`). */
export const DNS_DOMAIN = 'dns.berth';

export interface BridgeNetworkConfig {
  /** CNI network name (iptables chains, host-local's lease dir and dnsname's state dir derive from it). */
  name: string;
  bridge: string;
  subnet: string;
  ipamDir: string;
  /** Omitted: host-local takes the subnet's first address. */
  gateway?: string;
  /** No masquerade and no default route. */
  internal?: boolean;
}

/** What differs between two containers on the same network. */
export interface BridgeAttachOptions {
  /** Whether this interface carries the container's default route (default: unless internal). */
  defaultRoute?: boolean;
  /** A static address (compose's `ipv4_address`), already validated within the subnet. */
  ip?: string;
}

export type PluginConfig = Record<string, unknown> & { type: string };

/** Pure: the loopback plugin config (run with CNI_IFNAME=lo). */
export const loopbackConfig = (): PluginConfig => ({
  cniVersion: CNI_VERSION,
  name: 'berth-lo',
  type: 'loopback',
});

/** Pure: bridge + host-local IPAM (environment.md's verified config). */
export function bridgeConfig(n: BridgeNetworkConfig, o: BridgeAttachOptions = {}): PluginConfig {
  const internal = n.internal ?? false;
  const defaultRoute = o.defaultRoute ?? !internal;
  return {
    cniVersion: CNI_VERSION,
    name: n.name,
    type: 'bridge',
    bridge: n.bridge,
    isGateway: true,
    ipMasq: !internal,
    hairpinMode: true,
    ipam: {
      type: 'host-local',
      dataDir: n.ipamDir,
      ranges: [[n.gateway ? { subnet: n.subnet, gateway: n.gateway } : { subnet: n.subnet }]],
      routes: defaultRoute ? [{ dst: '0.0.0.0/0' }] : [],
    },
    // host-local reads a requested address from runtimeConfig.ips
    ...(o.ip ? { runtimeConfig: { ips: [o.ip] } } : {}),
  };
}

/** Pure: portmap with the runtime's port mappings. */
export function portmapConfig(n: { name: string }, ports: PortMapping[]): PluginConfig {
  return {
    cniVersion: CNI_VERSION,
    name: n.name,
    type: 'portmap',
    capabilities: { portMappings: true },
    snat: true,
    runtimeConfig: {
      portMappings: ports.map((p) => ({
        hostPort: p.hostPort,
        containerPort: p.containerPort,
        protocol: p.protocol,
        hostIP: p.hostIp === '0.0.0.0' ? '' : p.hostIp,
      })),
    },
  };
}

/**
 * Pure: the dnsname plugin (containers/dnsname): adds the container's name (CNI_ARGS
 * K8S_POD_NAME) and `aliases` to the network's dnsmasq hosts file and starts dnsmasq on the
 * bridge's address; its DEL removes the entry and stops dnsmasq after the last one.
 */
export function dnsnameConfig(n: { name: string }, aliases: readonly string[]): PluginConfig {
  return {
    cniVersion: CNI_VERSION,
    name: n.name,
    type: 'dnsname',
    domainName: DNS_DOMAIN,
    capabilities: { aliases: true },
    runtimeConfig: { aliases: { [n.name]: [...aliases] } },
  };
}

/** What one container's attachment to one network runs, in ADD order. */
export interface AttachmentPlan {
  net: BridgeNetworkConfig & { dns: boolean };
  attach: BridgeAttachOptions;
  ports: PortMapping[];
  aliases: readonly string[];
}

/** Pure: the plugin chain of one attachment: bridge, then portmap (with ports), then dnsname. */
export function attachmentPlugins(p: AttachmentPlan): PluginConfig[] {
  return [
    bridgeConfig(p.net, p.attach),
    ...(p.ports.length > 0 ? [portmapConfig(p.net, p.ports)] : []),
    ...(p.net.dns ? [dnsnameConfig(p.net, p.aliases)] : []),
  ];
}

/** Pure: a chained plugin's stdin (adds prevResult when there is one). */
export function withPrevResult(config: PluginConfig, prevResult: unknown): PluginConfig {
  return prevResult === undefined || prevResult === null ? config : { ...config, prevResult };
}

/**
 * Pure: the same chain with the bridge's host-local asked for `ip` (how a container gets its
 * address back when its attachment is made again after a host reboot).
 */
export function withRequestedAddress(plugins: readonly PluginConfig[], ip: string): PluginConfig[] {
  return plugins.map((p, i) => {
    if (i !== 0 || p.type !== 'bridge') return p;
    const runtimeConfig = (p.runtimeConfig ?? {}) as Record<string, unknown>;
    return { ...p, runtimeConfig: { ...runtimeConfig, ips: [ip] } };
  });
}

/** Pure: CNI_ARGS naming the container for dnsname (other plugins ignore unknown args). */
export function cniArgs(containerName: string): string {
  return `IgnoreUnknown=1;K8S_POD_NAME=${containerName}`;
}
