import { invalidArgument } from '../errors.js';

/** Pure IPv4 and CIDR arithmetic on 32-bit unsigned numbers. */

export interface Cidr {
  /** Network address (host bits zero). */
  readonly base: number;
  readonly prefix: number;
}

const OCTET = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

/** `10.1.2.3` → number, or null when it is not a dotted-quad IPv4 address. */
export function parseIPv4(s: string): number | null {
  const parts = s.split('.');
  if (parts.length !== 4 || !parts.every((p) => OCTET.test(p))) return null;
  return parts.reduce((n, p) => n * 256 + Number(p), 0);
}

export function formatIPv4(n: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.');
}

/** The netmask of a prefix length as a number (`/24` → 0xffffff00). */
export function maskOf(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

/** Parses `a.b.c.d/n`; host bits must be zero (`10.1.2.0/24`, not `10.1.2.3/24`). */
export function parseCidr(s: string, what = 'subnet'): Cidr {
  const m = /^([\d.]+)\/(\d{1,2})$/.exec(s.trim());
  const ip = m ? parseIPv4(m[1] ?? '') : null;
  const prefix = m ? Number(m[2]) : NaN;
  if (ip === null || !(prefix >= 0 && prefix <= 32))
    throw invalidArgument(`invalid ${what} "${s}": want an IPv4 CIDR like 10.89.0.0/24`);
  const base = (ip & maskOf(prefix)) >>> 0;
  if (base !== ip)
    throw invalidArgument(
      `invalid ${what} "${s}": host bits are set (did you mean ${formatCidr({ base, prefix })}?)`,
    );
  return { base, prefix };
}

export function formatCidr(c: Cidr): string {
  return `${formatIPv4(c.base)}/${c.prefix}`;
}

export function cidrSize(c: Cidr): number {
  return 2 ** (32 - c.prefix);
}

export function lastAddress(c: Cidr): number {
  return c.base + cidrSize(c) - 1;
}

export function cidrContains(c: Cidr, ip: number): boolean {
  return ip >= c.base && ip <= lastAddress(c);
}

export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  return a.base <= lastAddress(b) && b.base <= lastAddress(a);
}

/** Whether `ip` can be given to a host in `c` (not the network or broadcast address of a /30 or wider). */
export function isHostAddress(c: Cidr, ip: number): boolean {
  if (!cidrContains(c, ip)) return false;
  if (c.prefix >= 31) return true;
  return ip !== c.base && ip !== lastAddress(c);
}

/** The first host address: the conventional gateway (`10.89.0.0/24` → `10.89.0.1`). */
export function firstHost(c: Cidr): number {
  return c.prefix >= 31 ? c.base : c.base + 1;
}
