import { isIP } from 'node:net';
import { invalidArgument } from '../errors.js';

export type Protocol = 'tcp' | 'udp';

export interface PortMapping {
  hostIp: string;
  hostPort: number;
  containerPort: number;
  protocol: Protocol;
}

const port = (s: string, spec: string): number => {
  if (!/^\d{1,5}$/.test(s) || Number(s) < 1 || Number(s) > 65535) {
    throw invalidArgument(`invalid port "${s}" in "${spec}": want 1-65535`);
  }
  return Number(s);
};

/** Pure: `[ip:]hostPort:containerPort[/tcp|udp]` (IPv6 host IPs in brackets: `[::1]:8080:80`). */
export function parsePortSpec(spec: string): PortMapping {
  const [body = '', proto = 'tcp', extra] = spec.split('/');
  if (extra !== undefined || (proto !== 'tcp' && proto !== 'udp')) {
    throw invalidArgument(`invalid protocol in "${spec}": want tcp or udp`);
  }
  let hostIp = '0.0.0.0';
  let rest = body;
  const v6 = /^\[([^\]]+)\]:(.*)$/.exec(body);
  if (v6) {
    hostIp = v6[1] ?? '';
    rest = v6[2] ?? '';
  }
  const parts = rest.split(':');
  if (!v6 && parts.length === 3) hostIp = parts.shift() ?? '';
  if (parts.length !== 2)
    throw invalidArgument(`invalid port spec "${spec}": want [ip:]hostPort:containerPort[/proto]`);
  if (isIP(hostIp) === 0) throw invalidArgument(`invalid host IP "${hostIp}" in "${spec}"`);
  return {
    hostIp,
    hostPort: port(parts[0] ?? '', spec),
    containerPort: port(parts[1] ?? '', spec),
    protocol: proto,
  };
}

const ANY = new Set(['0.0.0.0', '::']);

/** Pure: two mappings clash when protocol and host port match and the IPs overlap. */
export function portsClash(a: PortMapping, b: PortMapping): boolean {
  return (
    a.protocol === b.protocol &&
    a.hostPort === b.hostPort &&
    (a.hostIp === b.hostIp || ANY.has(a.hostIp) || ANY.has(b.hostIp))
  );
}

/** Pure: the first clash of `wanted` against itself or `taken`, as a message; null when none. */
export function findPortConflict(wanted: PortMapping[], taken: PortMapping[]): string | null {
  for (let i = 0; i < wanted.length; i++) {
    const w = wanted[i] as PortMapping;
    const other = [...wanted.slice(0, i), ...taken].find((t) => portsClash(w, t));
    if (other) return `port ${w.hostIp}:${w.hostPort}/${w.protocol} is already allocated`;
  }
  return null;
}
