import type { PortMapping } from './ports.js';

export const CNI_VERSION = '1.0.0';

export interface BridgeNetworkConfig {
  /** CNI network name (iptables chains are derived from it). */
  name: string;
  bridge: string;
  subnet: string;
  ipamDir: string;
}

export type PluginConfig = Record<string, unknown> & { type: string };

/** Pure: the loopback plugin config (run with CNI_IFNAME=lo). */
export const loopbackConfig = (): PluginConfig => ({
  cniVersion: CNI_VERSION,
  name: 'berth-lo',
  type: 'loopback',
});

/** Pure: bridge + host-local IPAM (environment.md's verified config). */
export function bridgeConfig(n: BridgeNetworkConfig): PluginConfig {
  return {
    cniVersion: CNI_VERSION,
    name: n.name,
    type: 'bridge',
    bridge: n.bridge,
    isGateway: true,
    ipMasq: true,
    hairpinMode: true,
    ipam: {
      type: 'host-local',
      dataDir: n.ipamDir,
      ranges: [[{ subnet: n.subnet }]],
      routes: [{ dst: '0.0.0.0/0' }],
    },
  };
}

/** Pure: portmap with the runtime's port mappings. */
export function portmapConfig(n: BridgeNetworkConfig, ports: PortMapping[]): PluginConfig {
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

/** Pure: a chained plugin's stdin (adds prevResult when there is one). */
export function withPrevResult(config: PluginConfig, prevResult: unknown): PluginConfig {
  return prevResult === undefined ? config : { ...config, prevResult };
}
