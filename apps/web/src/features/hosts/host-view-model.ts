import { describeConfinement } from '@berth/protocol';
import type { HostDto, HostStatus } from '../../lib/dto/host.js';

export interface HostViewModel {
  id: string;
  name: string;
  status: HostStatus;
  statusTone: 'green' | 'gray' | 'amber' | 'red';
  hostname: string;
  os: string;
  kernel: string;
  arch: string;
  cgroup: string;
  cpus: string;
  memory: string;
  runc: string;
  crun: string;
  conmon: string;
  agentVersion: string;
  /** What a default container is confined by (seccomp, AppArmor, cgroup namespace…). */
  confinement: string;
  lastSeen: string;
  enrolled: boolean;
  /** The host owner's policy in words: elevated options and host paths the web may ask for. */
  policy: { elevated: string; binds: string } | null;
}

const dash = '—';

export function formatBytes(bytes: number | null): string {
  if (bytes === null) return dash;
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${i === 0 ? v : v.toFixed(1)} ${units[i]}`;
}

export function formatAgo(iso: string | null, now: Date): string {
  if (!iso) return 'never';
  const sec = Math.max(0, Math.round((now.getTime() - new Date(iso).getTime()) / 1000));
  if (sec < 10) return 'just now';
  if (sec < 60) return `${sec} s ago`;
  if (sec < 3600) return `${Math.floor(sec / 60)} min ago`;
  if (sec < 86_400) return `${Math.floor(sec / 3600)} h ago`;
  return `${Math.floor(sec / 86_400)} d ago`;
}

const tones: Record<HostStatus, HostViewModel['statusTone']> = {
  online: 'green',
  offline: 'gray',
  pending: 'amber',
  revoked: 'red',
};

export function toHostViewModel(h: HostDto, now: Date): HostViewModel {
  const f = h.facts;
  return {
    id: h.id,
    name: h.name,
    status: h.status,
    statusTone: tones[h.status],
    hostname: f.hostname ?? dash,
    os: f.os ?? dash,
    kernel: f.kernel ?? dash,
    arch: f.arch ?? dash,
    cgroup: f.cgroupVersion ? `cgroup v${f.cgroupVersion}` : dash,
    cpus: f.cpus === null ? dash : String(f.cpus),
    memory: formatBytes(f.memoryBytes),
    runc: f.runcVersion ?? dash,
    crun: f.crunVersion ?? dash,
    conmon: f.conmonVersion ?? dash,
    agentVersion: f.agentVersion ?? dash,
    confinement: f.confinement ? describeConfinement(f.confinement) : dash,
    lastSeen: formatAgo(h.lastSeenAt, now),
    enrolled: h.enrolledAt !== null,
    policy: h.policy
      ? {
          elevated: h.policy.allowElevated.join(', ') || 'none',
          binds: h.policy.allowBind.join(', ') || 'none',
        }
      : null,
  };
}
