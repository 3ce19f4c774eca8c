import { bundleArch, describeConfinement, isNewerVersion } from '@berth/protocol';
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
  policy: { elevated: string; binds: string; upgrades: string } | null;
  /** Beside the agent version: this web cannot drive it, or a newer release is served. */
  agentNote: {
    text: 'needs upgrade' | 'incompatible' | 'update available';
    tone: 'red' | 'amber';
    title: string;
  } | null;
  /** The release an admin can upgrade this host to now (null: nothing to offer). */
  upgradeTo: string | null;
  /** The last upgrade, in words. */
  upgrade: { text: string; tone: 'gray' | 'green' | 'red' } | null;
}

/** The agent release this web serves (GET /api/agent-bundle). */
export interface ServedBundle {
  version: string;
  arch: string;
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

function agentNote(h: HostDto, bundle: ServedBundle | null): HostViewModel['agentNote'] {
  const c = h.compatibility;
  if (!c.compatible)
    return c.needsUpgrade
      ? { text: 'needs upgrade', tone: 'red', title: c.reason }
      : { text: 'incompatible', tone: 'red', title: c.reason };
  if (bundle && isNewerVersion(bundle.version, h.facts.agentVersion))
    return { text: 'update available', tone: 'amber', title: `this web serves ${bundle.version}` };
  return null;
}

function upgradeTo(h: HostDto, bundle: ServedBundle | null): string | null {
  if (!bundle || h.status === 'revoked' || !h.enrolledAt) return null;
  if (h.policy?.remoteUpgrade === false) return null;
  if (h.facts.arch === null || bundleArch(h.facts.arch) !== bundle.arch) return null;
  if (h.facts.agentVersion === bundle.version) return null;
  const newer = isNewerVersion(bundle.version, h.facts.agentVersion);
  return newer || h.compatibility.needsUpgrade ? bundle.version : null;
}

function describeUpgrade(h: HostDto): HostViewModel['upgrade'] {
  const u = h.upgrade;
  if (!u) return null;
  const from = u.fromVersion ?? '?';
  if (u.state === 'upgrading') return { text: `upgrading ${from} → ${u.toVersion}…`, tone: 'gray' };
  if (u.state === 'succeeded') return { text: `upgraded ${from} → ${u.toVersion}`, tone: 'green' };
  return {
    text: `upgrade to ${u.toVersion} failed: ${u.reason ?? 'no reason given'}`,
    tone: 'red',
  };
}

export function toHostViewModel(
  h: HostDto,
  now: Date,
  bundle: ServedBundle | null = null,
): HostViewModel {
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
          upgrades: h.policy.remoteUpgrade === false ? 'refused' : 'accepted',
        }
      : null,
    agentNote: agentNote(h, bundle),
    upgradeTo: upgradeTo(h, bundle),
    upgrade: describeUpgrade(h),
  };
}
