import { describeConfinement, type SystemInfo } from '@berth/protocol';
import type { VersionResponse } from '../api/schemas.js';

export interface ClientVersion {
  version: string;
  apiVersion: string;
  node: string;
  os: string;
  arch: string;
}

/** 1536 → "1.5KiB", like docker's human sizes (binary units). */
export function formatBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${i === 0 ? v : v.toFixed(2).replace(/\.?0+$/, '')}${units[i]}`;
}

function block(title: string, rows: [string, string][]): string {
  const width = Math.max(...rows.map(([k]) => k.length)) + 1;
  return `${title}:\n` + rows.map(([k, v]) => ` ${`${k}:`.padEnd(width)} ${v}`).join('\n') + '\n';
}

export function formatClientVersion(c: ClientVersion): string {
  return block('Client', [
    ['Version', c.version],
    ['API version', c.apiVersion],
    ['Node', c.node],
    ['OS/Arch', `${c.os}/${c.arch}`],
  ]);
}

export function formatServerVersion(s: VersionResponse): string {
  return block('Server: Berth Agent', [
    ['Version', s.version],
    ['API version', s.apiVersion],
    ['Protocol version', String(s.protocolVersion)],
    ['Node', s.node],
  ]);
}

function orNone(v: string | null): string {
  return v ?? 'not found';
}

export function formatInfo(i: SystemInfo): string {
  const f = i.facts;
  const web = i.server
    ? `${i.server} (${i.link?.state ?? (i.connected ? 'connected' : 'disconnected')})`
    : 'none (local-only)';
  const rows: [string, string][] = [
    ['Agent Version', f.agentVersion],
    ['Name', f.hostname],
    ['Operating System', f.os],
    ['Kernel Version', f.kernel],
    ['Architecture', f.arch],
    ['CPUs', String(f.cpus)],
    ['Total Memory', formatBytes(f.memoryBytes)],
    ['Cgroup Version', String(f.cgroupVersion)],
    ['runc', orNone(f.runtimes.runc)],
    ['crun', orNone(f.runtimes.crun)],
    ['conmon', orNone(f.runtimes.conmon)],
    ['Confinement', describeConfinement(f.confinement)],
    [
      'Containers',
      i.containers ? `${i.containers.total} (running ${i.containers.running})` : 'n/a',
    ],
    ['Images', i.images === null ? 'n/a' : String(i.images)],
    ['Data Root', i.dataRoot],
    ['Exec Root', i.execRoot],
    ['Web', web],
    ['Host ID', i.hostId ?? 'not enrolled'],
    ['Uptime', `${Math.floor(i.uptimeSec)}s`],
  ];
  if (i.link?.error) rows.push(['Link Error', i.link.error]);
  return block('Server', rows);
}
