import { invalidArgument } from '../errors.js';
import { cidrSize, cidrsOverlap, formatCidr, parseCidr, type Cidr } from './ipv4.js';

/** Where networks created without `--subnet` get theirs: `base` cut into `/size` subnets. */
export interface AddressPool {
  readonly base: string;
  readonly size: number;
}

/** Podman's choice: 10.89.0.0/16 in /24s (256 networks); the default network is 10.88.0.0/16. */
export const DEFAULT_ADDRESS_POOLS: readonly AddressPool[] = [{ base: '10.89.0.0/16', size: 24 }];

/** dockerd's `--default-address-pool base=10.10.0.0/16,size=24` syntax → a pool. */
export function parseAddressPool(spec: string): AddressPool {
  const fields = new Map(
    spec.split(',').map((kv) => {
      const i = kv.indexOf('=');
      return [kv.slice(0, i).trim(), kv.slice(i + 1).trim()] as const;
    }),
  );
  const base = fields.get('base');
  const size = Number(fields.get('size'));
  if (!base || !Number.isInteger(size) || fields.size !== 2)
    throw invalidArgument(`invalid address pool "${spec}": want base=CIDR,size=N`);
  const cidr = parseCidr(base, 'address pool base');
  if (size < cidr.prefix || size > 30)
    throw invalidArgument(
      `invalid address pool "${spec}": size must be between the base's /${cidr.prefix} and /30`,
    );
  return { base: formatCidr(cidr), size };
}

/**
 * Pure: the first `/size` subnet of the pools (in order) that overlaps none of `taken` (other
 * networks' subnets and the host's routes); null when every one is taken.
 */
export function allocateSubnet(pools: readonly AddressPool[], taken: readonly Cidr[]): Cidr | null {
  for (const pool of pools) {
    const base = parseCidr(pool.base, 'address pool base');
    const step = 2 ** (32 - pool.size);
    for (let start = base.base; start < base.base + cidrSize(base); start += step) {
      const candidate = { base: start, prefix: pool.size };
      if (!taken.some((t) => cidrsOverlap(t, candidate))) return candidate;
    }
  }
  return null;
}

/** Pure: the first of `taken` that `subnet` overlaps, as its CIDR text; null when none. */
export function findOverlap(subnet: Cidr, taken: readonly Cidr[]): string | null {
  const hit = taken.find((t) => cidrsOverlap(t, subnet));
  return hit ? formatCidr(hit) : null;
}
