import { createHash, randomBytes } from 'node:crypto';
import * as z from 'zod';
import { invalidArgument } from '../errors.js';

/** A named bridge network (`<data-root>/network/networks/<id>.json`). */
export const networkRecordSchema = z.object({
  id: z.string().regex(/^[0-9a-f]{64}$/),
  name: z.string(),
  driver: z.literal('bridge'),
  /** The Linux bridge every container of the network is plugged into. */
  bridge: z.string(),
  subnet: z.string(),
  gateway: z.string(),
  /** No masquerade, no default route, no published ports. */
  internal: z.boolean(),
  /** Docker's flag, kept and reported (every container may join a local bridge network anyway). */
  attachable: z.boolean().default(false),
  /** Containers resolve each other by name and alias (dnsname + dnsmasq on the gateway). */
  dns: z.boolean(),
  labels: z.record(z.string(), z.string()),
  /** Driver options as given (`com.docker.network.bridge.name` is honoured). */
  options: z.record(z.string(), z.string()),
  createdAt: z.string(),
  /** The built-in network (`berth`): always there, cannot be removed. */
  builtin: z.boolean(),
});
export type NetworkRecord = z.infer<typeof networkRecordSchema>;

/** Podman's network name grammar (Docker's container-name grammar, one char allowed). */
export const NETWORK_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;
/** Names `--network` gives another meaning: the modes and the default network's alias. */
export const RESERVED_NETWORK_NAMES = ['bridge', 'host', 'none', 'default'] as const;
/** Docker's driver option naming the bridge interface. */
export const BRIDGE_NAME_OPTION = 'com.docker.network.bridge.name';

export function validateNetworkName(name: string, defaultName: string): string {
  if (!NETWORK_NAME.test(name) || name.length > 128)
    throw invalidArgument(
      `invalid network name "${name}": only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed (at most 128)`,
    );
  if ((RESERVED_NETWORK_NAMES as readonly string[]).includes(name) || name === defaultName)
    throw invalidArgument(`network name "${name}" is reserved`);
  return name;
}

/** A Linux interface name: at most 15 bytes, no `/` or whitespace. */
export function validateBridgeName(name: string): string {
  if (!/^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,14}$/.test(name))
    throw invalidArgument(
      `invalid bridge name "${name}": 1-15 characters of [a-zA-Z0-9_.-], starting alphanumeric`,
    );
  return name;
}

export const newNetworkId = () => randomBytes(32).toString('hex');

/** Docker's naming: `br-` + the first 12 hex digits of the network ID (15 bytes, IFNAMSIZ-1). */
export const bridgeNameFor = (id: string) => `br-${id.slice(0, 12)}`;

/** A stable ID for the built-in network, derived from its bridge so it survives restarts. */
export const builtinNetworkId = (bridge: string) =>
  createHash('sha256').update(`berth-builtin-network:${bridge}`).digest('hex');

/** Pure: a network by name, full ID or unique ID prefix (at least 3 hex digits, like `docker`). */
export function findNetwork<T extends { id: string; name: string }>(
  all: readonly T[],
  ref: string,
): T | 'ambiguous' | null {
  const byName = all.find((n) => n.name === ref);
  if (byName) return byName;
  const byId = all.find((n) => n.id === ref);
  if (byId) return byId;
  if (!/^[0-9a-f]{3,63}$/.test(ref)) return null;
  const hits = all.filter((n) => n.id.startsWith(ref));
  return hits.length === 1 ? (hits[0] ?? null) : hits.length > 1 ? 'ambiguous' : null;
}
