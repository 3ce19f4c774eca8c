import type { CreateContainerRequest } from '@berth/protocol';

/** One setting that a replacement changes: its name in words, and the values as text. */
export interface SpecChange {
  /** `image`, `env`, … (the request's field). */
  field: string;
  /** `Image`, `Environment GREETING`, … */
  label: string;
  /** `null`: not set before (added) / not set after (removed). */
  before: string | null;
  after: string | null;
}

const labels: Record<string, string> = {
  image: 'Image',
  name: 'Name',
  cmd: 'Command',
  entrypoint: 'Entrypoint',
  env: 'Environment',
  workdir: 'Working directory',
  user: 'User',
  hostname: 'Hostname',
  ports: 'Ports',
  volumes: 'Volumes',
  memory: 'Memory limit',
  memorySwap: 'Memory + swap limit',
  cpus: 'CPU limit',
  cpuShares: 'CPU shares',
  cpusetCpus: 'CPU set',
  pidsLimit: 'PIDs limit',
  restart: 'Restart policy',
  network: 'Network',
  networkAliases: 'Network aliases',
  ip: 'IP address',
  networks: 'Networks',
  init: 'Init process',
  labels: 'Label',
  readOnly: 'Read-only root',
  tmpfs: 'tmpfs mounts',
  capAdd: 'Added capabilities',
  capDrop: 'Dropped capabilities',
  privileged: 'Privileged',
  pid: 'PID namespace',
  ipc: 'IPC namespace',
  uts: 'UTS namespace',
  cgroupns: 'Cgroup namespace',
  devices: 'Devices',
  sysctls: 'Sysctl',
  securityOpt: 'Security options',
  autoRemove: 'Remove when it exits',
  tty: 'TTY',
  openStdin: 'Open stdin',
  stopSignal: 'Stop signal',
  stopTimeout: 'Stop timeout',
  dns: 'DNS servers',
  extraHosts: 'Extra hosts',
  memoryReservation: 'Memory reservation',
  healthcheck: 'Health check',
};

/** Fields whose order is their meaning (an argv); other lists compare as sets. */
const ordered = new Set(['cmd', 'entrypoint', 'networks', 'dns']);
/** What an unset field means: the same as these values. */
const defaults: Record<string, unknown> = {
  restart: 'no',
  network: 'bridge',
  pid: 'private',
  ipc: 'private',
  uts: 'private',
  cgroupns: 'private',
  stopTimeout: 10,
};

/** Pure: a field's value as text; null when it is unset or at its default. */
function text(field: string, v: unknown): string | null {
  if (v === undefined || v === null || v === false || v === defaults[field]) return null;
  if (Array.isArray(v)) {
    if (v.length === 0) return null;
    const items = v.map((x) => (typeof x === 'string' ? x : JSON.stringify(x)));
    return (ordered.has(field) ? items : [...items].sort()).join(', ');
  }
  if (typeof v === 'object') return Object.keys(v).length === 0 ? null : JSON.stringify(v);
  return String(v);
}

/** Pure: `KEY=value` entries (or a record) → name → value. */
function entries(v: unknown): Map<string, string> {
  if (Array.isArray(v))
    return new Map(
      v.map((e: string) => {
        const at = e.indexOf('=');
        return at < 0 ? [e, ''] : [e.slice(0, at), e.slice(at + 1)];
      }),
    );
  return new Map(Object.entries((v ?? {}) as Record<string, string>));
}

/** Per name for variables, labels and sysctls: one change per name added, removed or changed. */
function keyedChanges(field: string, before: unknown, after: unknown): SpecChange[] {
  const a = entries(before);
  const b = entries(after);
  const names = [...new Set([...a.keys(), ...b.keys()])].sort();
  return names
    .filter((n) => a.get(n) !== b.get(n))
    .map((n) => ({
      field,
      label: `${labels[field]} ${n}`,
      before: a.get(n) ?? null,
      after: b.get(n) ?? null,
    }));
}

/**
 * Pure: what changes from `before` to `after`, setting by setting, in the request's field order
 * (variables, labels and sysctls one by name). Unset and default values are the same thing;
 * lists other than a command compare as sets. `[]` when nothing changes.
 */
export function specChanges(
  before: CreateContainerRequest,
  after: CreateContainerRequest,
): SpecChange[] {
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  const out: SpecChange[] = [];
  for (const field of fields) {
    if (field === 'env' || field === 'labels' || field === 'sysctls') {
      out.push(...keyedChanges(field, b[field], a[field]));
      continue;
    }
    const was = text(field, b[field]);
    const now = text(field, a[field]);
    if (was !== now) out.push({ field, label: labels[field] ?? field, before: was, after: now });
  }
  return out;
}
