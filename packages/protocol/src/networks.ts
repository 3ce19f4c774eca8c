import * as z from 'zod';

/**
 * Network DTOs shared by the agent's REST API (`/v1/networks`), its RPCs, the `berth network`
 * CLI and the web. Docker's fields in camelCase: a Docker Engine API layer maps `Name`, `Id`,
 * `Driver`, `Internal`, `Labels`, `Options`, `IPAM.Config[{Subnet, Gateway}]` and `Containers`
 * one to one. Times are RFC 3339.
 */

const NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;

/** A network name as it can be created (Podman's grammar). */
export const NetworkNameSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(NAME, 'network names look like [a-zA-Z0-9][a-zA-Z0-9_.-]*');

/** A network as a user names it: name, full ID or unique ID prefix. */
export const NetworkRefSchema = z
  .string()
  .min(1, 'network reference is empty')
  .max(128)
  .regex(NAME, 'invalid network reference');

/** A container's interface on a network (Docker's endpoint). */
export const NetworkEndpointSchema = z.object({
  networkId: z.string(),
  network: z.string(),
  /** `eth0` for the container's first network, then `eth1`, … */
  ifname: z.string(),
  ip: z.string().nullable(),
  prefixLen: z.number().int().nullable(),
  gateway: z.string().nullable(),
  mac: z.string().nullable(),
  aliases: z.array(z.string()),
  /** The address asked for (`--ip`, compose's `ipv4_address`); null when IPAM chose. */
  ipv4Address: z.string().nullable(),
});
export type NetworkEndpoint = z.infer<typeof NetworkEndpointSchema>;

/** One container on a network, as `network inspect` lists it. */
export const NetworkContainerSchema = z.object({
  id: z.string(),
  name: z.string(),
  ifname: z.string(),
  ip: z.string().nullable(),
  prefixLen: z.number().int().nullable(),
  mac: z.string().nullable(),
  aliases: z.array(z.string()),
});
export type NetworkContainer = z.infer<typeof NetworkContainerSchema>;

export const NetworkSchema = z.object({
  id: z.string().regex(/^[0-9a-f]{64}$/),
  name: z.string(),
  driver: z.string(),
  scope: z.literal('local'),
  /** The Linux bridge the network's containers are plugged into. */
  bridge: z.string(),
  subnet: z.string(),
  gateway: z.string(),
  /** No masquerade, no default route, no published ports. */
  internal: z.boolean(),
  /** Docker's flag, as created (absent from agents that predate it: false). */
  attachable: z.boolean().optional(),
  /** Containers resolve each other by name and alias (dnsmasq on the gateway). */
  dns: z.boolean(),
  /** The built-in network (`berth`, what `--network bridge` joins): cannot be removed. */
  builtin: z.boolean(),
  labels: z.record(z.string(), z.string()),
  options: z.record(z.string(), z.string()),
  createdAt: z.string(),
  containers: z.array(NetworkContainerSchema),
});
export type Network = z.infer<typeof NetworkSchema>;

export const NetworkListSchema = z.object({ networks: z.array(NetworkSchema) });
export type NetworkList = z.infer<typeof NetworkListSchema>;

/** `POST /v1/networks`. */
export const CreateNetworkRequestSchema = z
  .object({
    name: NetworkNameSchema,
    /** Only `bridge`. */
    driver: z.string().optional(),
    /** IPv4 CIDR; allocated from the agent's address pools when omitted. */
    subnet: z.string().optional(),
    /** Defaults to the subnet's first address; needs `subnet`. */
    gateway: z.string().optional(),
    internal: z.boolean().optional(),
    /** Docker's flag: kept and reported, no effect on a local bridge network. */
    attachable: z.boolean().optional(),
    /** Name resolution between containers (default true). */
    dns: z.boolean().optional(),
    labels: z.record(z.string(), z.string()).optional(),
    /** Driver options; `com.docker.network.bridge.name` names the bridge. */
    options: z.record(z.string(), z.string()).optional(),
  })
  .strict();
export type CreateNetworkRequest = z.infer<typeof CreateNetworkRequestSchema>;

/** `POST /v1/networks/:ref/connect`. */
export const NetworkConnectRequestSchema = z
  .object({
    /** Container name, ID or unique ID prefix. */
    container: z.string().min(1).max(128),
    aliases: z.array(z.string().min(1).max(253)).optional(),
    /** A static IPv4 address inside the network's subnet. */
    ipv4Address: z.string().optional(),
  })
  .strict();
export type NetworkConnectRequest = z.infer<typeof NetworkConnectRequestSchema>;

/** `POST /v1/networks/:ref/disconnect`. */
export const NetworkDisconnectRequestSchema = z
  .object({ container: z.string().min(1).max(128) })
  .strict();
export type NetworkDisconnectRequest = z.infer<typeof NetworkDisconnectRequestSchema>;

/** `DELETE /v1/networks/:ref` and `POST /v1/networks/prune`: the names removed. */
export const NetworkRemoveResultSchema = z.object({ removed: z.array(z.string()) });
export type NetworkRemoveResult = z.infer<typeof NetworkRemoveResultSchema>;

/** `GET /v1/networks?filter=k=v`: Docker's `network ls` filters. */
export const networkFilterKeys = ['name', 'id', 'label', 'driver', 'type', 'dangling'] as const;
export const NetworkFilterSchema = z
  .string()
  .regex(
    /^(name|id|label|driver|type|dangling)=.*$/,
    `filters look like key=value (${networkFilterKeys.join(', ')})`,
  );

const ref = z.object({ ref: NetworkRefSchema }).strict();

/** The web's calls for networks (merged into `rpcMethods`). */
export const networkRpcMethods = {
  'network.list': { params: z.object({}).strict(), result: NetworkListSchema },
  'network.inspect': { params: ref, result: NetworkSchema },
  'network.create': { params: CreateNetworkRequestSchema, result: NetworkSchema },
  'network.remove': { params: ref, result: NetworkRemoveResultSchema },
  'network.prune': { params: z.object({}).strict(), result: NetworkRemoveResultSchema },
  'network.connect': {
    params: NetworkConnectRequestSchema.extend({ ref: NetworkRefSchema }).strict(),
    result: NetworkSchema,
  },
  'network.disconnect': {
    params: NetworkDisconnectRequestSchema.extend({ ref: NetworkRefSchema }).strict(),
    result: NetworkSchema,
  },
} as const;

/** The agent's network events (merged into `agentEvents`). */
export const networkAgentEvents = {
  /** Every network of the host with its containers: on connect and after each network change. */
  'inventory.networks': NetworkListSchema,
} as const;
