import * as z from 'zod';
import { alreadyExists, invalidArgument, RuntimeError } from '../errors.js';
import { parseOrThrow } from '../validate.js';
import {
  firstHost,
  formatCidr,
  formatIPv4,
  isHostAddress,
  parseCidr,
  parseIPv4,
  type Cidr,
} from './ipv4.js';
import {
  BRIDGE_NAME_OPTION,
  bridgeNameFor,
  validateBridgeName,
  validateNetworkName,
  type NetworkRecord,
} from './network-record.js';
import { allocateSubnet, findOverlap, type AddressPool } from './subnet-pool.js';

/** `network create` options (Docker's fields, camelCase). */
export const createNetworkSchema = z
  .object({
    name: z.string(),
    driver: z.string().default('bridge'),
    /** IPv4 CIDR; allocated from the address pools when omitted. */
    subnet: z.string().optional(),
    /** Defaults to the subnet's first address; needs `subnet`. */
    gateway: z.string().optional(),
    internal: z.boolean().default(false),
    /** Docker's flag: kept and reported, no effect on a local bridge network. */
    attachable: z.boolean().default(false),
    /** Name resolution between the network's containers (default on, like Docker's user networks). */
    dns: z.boolean().default(true),
    labels: z.record(z.string(), z.string()).default({}),
    options: z.record(z.string(), z.string()).default({}),
  })
  .strict();
export type CreateNetworkInput = z.input<typeof createNetworkSchema>;

/** What the planner checks a new network against. */
export interface PlanContext {
  existing: readonly NetworkRecord[];
  /** The host's IPv4 routes (other bridges, the uplink's subnet, VPNs …). */
  hostRoutes: readonly (Cidr & { iface: string })[];
  pools: readonly AddressPool[];
  defaultName: string;
  interfaceExists(name: string): boolean;
  newId(): string;
  now(): string;
}

/**
 * Pure: a validated record for a new network, or the reason it cannot exist (bad name or
 * option, duplicate name, overlapping subnet, bridge name taken, pools exhausted).
 */
export function planNetwork(input: CreateNetworkInput, ctx: PlanContext): NetworkRecord {
  const req = parseOrThrow(createNetworkSchema, input, 'network options');
  const name = validateNetworkName(req.name, ctx.defaultName);
  if (ctx.existing.some((n) => n.name === name))
    throw alreadyExists(`network with name ${name} already exists`);
  if (req.driver !== 'bridge')
    throw invalidArgument(`network driver "${req.driver}" is not supported (only bridge)`);
  if (req.gateway !== undefined && req.subnet === undefined)
    throw invalidArgument('a gateway needs a subnet (--subnet)');

  const taken = [
    ...ctx.existing.map((n) => ({ ...parseCidr(n.subnet), why: `network ${n.name}` })),
    ...ctx.hostRoutes.map((r) => ({ ...r, why: `a host route on ${r.iface}` })),
  ];
  let subnet: Cidr;
  if (req.subnet !== undefined) {
    subnet = parseCidr(req.subnet);
    if (subnet.prefix > 30)
      throw invalidArgument(`subnet ${req.subnet} is too small (at most /30)`);
    const hit = findOverlap(subnet, taken);
    if (hit) {
      const why = taken.find((t) => formatCidr(t) === hit)?.why ?? hit;
      throw invalidArgument(`subnet ${req.subnet} overlaps ${hit} (${why})`);
    }
  } else {
    const got = allocateSubnet(ctx.pools, taken);
    if (!got)
      throw new RuntimeError(
        'RESOURCE_EXHAUSTED',
        `no free subnet left in the address pools (${ctx.pools.map((p) => `${p.base} in /${p.size}`).join(', ')})`,
      );
    subnet = got;
  }

  let gateway = firstHost(subnet);
  if (req.gateway !== undefined) {
    const gw = parseIPv4(req.gateway);
    if (gw === null || !isHostAddress(subnet, gw))
      throw invalidArgument(
        `gateway ${req.gateway} is not a host address in ${formatCidr(subnet)}`,
      );
    gateway = gw;
  }

  const id = ctx.newId();
  const bridge = validateBridgeName(req.options[BRIDGE_NAME_OPTION] ?? bridgeNameFor(id));
  if (ctx.existing.some((n) => n.bridge === bridge) || ctx.interfaceExists(bridge))
    throw alreadyExists(`bridge ${bridge} already exists on this host`);

  return {
    id,
    name,
    driver: 'bridge',
    bridge,
    subnet: formatCidr(subnet),
    gateway: formatIPv4(gateway),
    internal: req.internal,
    attachable: req.attachable,
    dns: req.dns,
    labels: { ...req.labels },
    options: { ...req.options },
    createdAt: ctx.now(),
    builtin: false,
  };
}

/** Pure: a requested static address must be a free host address of the subnet, not the gateway. */
export function validateStaticAddress(net: NetworkRecord, address: string): string {
  const ip = parseIPv4(address);
  const subnet = parseCidr(net.subnet);
  if (ip === null) throw invalidArgument(`invalid IPv4 address "${address}"`);
  if (!isHostAddress(subnet, ip))
    throw invalidArgument(
      `address ${address} is not a host address in ${net.name}'s subnet ${net.subnet}`,
    );
  if (formatIPv4(ip) === net.gateway)
    throw invalidArgument(`address ${address} is the gateway of network ${net.name}`);
  return formatIPv4(ip);
}

/** DNS names a container may carry on a network (aliases): a hostname-like label sequence. */
export function validateAlias(alias: string): string {
  if (!/^[a-zA-Z0-9]([a-zA-Z0-9_.-]{0,252})$/.test(alias))
    throw invalidArgument(`invalid network alias "${alias}": want a host name like db or db.local`);
  return alias;
}
