import type { NetworkContainer } from '@berth/protocol';

/** JSON shapes of the networks feature on the web API (shared by server and browser). */

export interface NetworkDto {
  /** The agent's network ID (64 hex). */
  id: string;
  name: string;
  driver: string;
  bridge: string;
  subnet: string;
  gateway: string;
  internal: boolean;
  dns: boolean;
  /** The host's built-in network (`berth`): cannot be removed. */
  builtin: boolean;
  labels: Record<string, string>;
  createdAt: string;
  containers: NetworkContainer[];
}

export interface HostNetworksDto {
  hostId: string;
  networks: NetworkDto[];
}
