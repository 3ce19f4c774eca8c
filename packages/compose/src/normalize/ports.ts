import { isIP } from 'node:net';
import { invalid } from '../errors.js';
import type { PortConfig } from '../model.js';

type Range = [number, number];

/**
 * Pure: one `ports:` entry → long-syntax ports, one per container port. Short syntax:
 * `"3000"`, `"3000-3005"`, `"8000:8000"`, `"9090-9091:8080-8081"`, `"127.0.0.1:8001:8001"`,
 * `"[::1]:6001:6001"`, `"6060:6060/udp"`, a bare number. Long syntax: `{target, published,
 * host_ip, protocol}`. A port without a host port is published on an ephemeral port (null).
 */
export function normalizePorts(entry: unknown, where: string): PortConfig[] {
  if (typeof entry === 'number') return [port(entry, null, '', 'tcp')];
  if (typeof entry === 'string') return parseShort(entry, where);
  const o = entry as Record<string, unknown>;
  const protocol = proto(o.protocol ?? 'tcp', where);
  const hostIp = ip(String(o.host_ip ?? ''), where);
  const target = single(String(o.target), where);
  if (o.published === undefined || o.published === null || o.published === '')
    return [port(target, null, hostIp, protocol)];
  const published = range(String(o.published), where);
  if (published[0] !== published[1])
    throw invalid(`${where}: a published range needs the short syntax`);
  return [port(target, published[0], hostIp, protocol)];
}

function parseShort(spec: string, where: string): PortConfig[] {
  const [body = '', protoPart, extra] = spec.split('/');
  if (extra !== undefined) throw invalid(`${where}: invalid port "${spec}"`);
  const protocol = proto(protoPart ?? 'tcp', where);
  let hostIp = '';
  let rest = body;
  const v6 = /^\[([^\]]+)\]:(.*)$/.exec(body);
  if (v6) [hostIp, rest] = [v6[1] ?? '', v6[2] ?? ''];
  const parts = rest.split(':');
  if (!v6 && parts.length === 3) hostIp = parts.shift() ?? '';
  if (parts.length > 2 || (v6 && parts.length !== 2))
    throw invalid(`${where}: invalid port "${spec}" (want [ip:][host:]container[/proto])`);
  ip(hostIp, where);
  const targets = range(parts[parts.length - 1] ?? '', where);
  const count = targets[1] - targets[0] + 1;
  if (parts.length === 1 || parts[0] === '')
    return seq(targets).map((t) => port(t, null, hostIp, protocol));
  const published = range(parts[0] ?? '', where);
  const pubCount = published[1] - published[0] + 1;
  if (pubCount !== count && !(count === 1 && pubCount > 1))
    throw invalid(`${where}: port ranges "${spec}" differ in length`);
  if (count === 1 && pubCount > 1)
    throw invalid(`${where}: "${spec}": a host port range for one container port is not supported`);
  return seq(targets).map((t, i) => port(t, published[0] + i, hostIp, protocol));
}

function range(s: string, where: string): Range {
  const m = /^(\d+)(?:-(\d+))?$/.exec(s.trim());
  if (!m) throw invalid(`${where}: invalid port "${s}"`);
  const a = single(m[1] as string, where);
  const b = m[2] === undefined ? a : single(m[2], where);
  if (b < a) throw invalid(`${where}: invalid port range "${s}"`);
  return [a, b];
}

function single(s: string, where: string): number {
  const n = Number(s);
  if (!/^\d{1,5}$/.test(s) || n < 1 || n > 65535) throw invalid(`${where}: invalid port "${s}"`);
  return n;
}

function proto(p: unknown, where: string): 'tcp' | 'udp' {
  if (p === 'tcp' || p === 'udp') return p;
  throw invalid(`${where}: protocol "${String(p)}" is not supported (tcp, udp)`);
}

function ip(s: string, where: string): string {
  if (s !== '' && isIP(s) === 0) throw invalid(`${where}: invalid host IP "${s}"`);
  return s;
}

const seq = ([a, b]: Range) => Array.from({ length: b - a + 1 }, (_, i) => a + i);

const port = (target: number, published: number | null, hostIp: string, protocol: 'tcp' | 'udp') =>
  ({ target, published, hostIp, protocol }) satisfies PortConfig;
