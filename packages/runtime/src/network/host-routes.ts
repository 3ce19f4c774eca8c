import { readFile } from 'node:fs/promises';
import { maskOf, type Cidr } from './ipv4.js';

/** `/proc/net/route` stores addresses as little-endian hex: `0001A8C0` is 192.168.1.0. */
function littleEndianHex(hex: string): number | null {
  if (!/^[0-9A-Fa-f]{8}$/.test(hex)) return null;
  const bytes = [6, 4, 2, 0].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return bytes.reduce((n, b) => n * 256 + b, 0);
}

function prefixOf(mask: number): number | null {
  for (let p = 0; p <= 32; p++) if (maskOf(p) === mask) return p;
  return null;
}

/**
 * Pure: the destinations of the host's IPv4 routes (`/proc/net/route`), without the default
 * route (0.0.0.0/0 overlaps everything and says nothing about which subnets are in use).
 */
export function parseProcNetRoute(text: string): Array<Cidr & { iface: string }> {
  const out: Array<Cidr & { iface: string }> = [];
  for (const line of text.split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 8) continue;
    const dest = littleEndianHex(f[1] ?? '');
    const mask = littleEndianHex(f[7] ?? '');
    const prefix = mask === null ? null : prefixOf(mask);
    if (dest === null || prefix === null || prefix === 0) continue;
    out.push({ iface: f[0] ?? '', base: (dest & maskOf(prefix)) >>> 0, prefix });
  }
  return out;
}

/** I/O: the host's IPv4 routes now (an unreadable table is treated as empty). */
export async function readHostRoutes(
  path = '/proc/net/route',
): Promise<Array<Cidr & { iface: string }>> {
  return parseProcNetRoute(await readFile(path, 'utf8').catch(() => ''));
}
