import { ALL_CAPABILITIES, DEFAULT_CAPABILITIES } from './defaults.js';
import type { OciCapabilities } from './types.js';
import { invalidArgument } from '../errors.js';

/** Docker's capability arithmetic: default set (or all if privileged) + add − drop; ALL works on both sides. */
export function resolveCapabilities(
  add: string[],
  drop: string[],
  privileged: boolean,
  host?: readonly string[],
): string[] {
  const wanted = resolveWanted(add, drop, privileged);
  // a capability outside the runtime's own bounding set cannot be granted (runc fails with EPERM)
  return host ? wanted.filter((c) => host.includes(c)) : wanted;
}

function resolveWanted(add: string[], drop: string[], privileged: boolean): string[] {
  for (const c of [...add, ...drop]) {
    if (c !== 'ALL' && !ALL_CAPABILITIES.includes(c))
      throw invalidArgument(`unknown capability: ${c}`);
  }
  if (privileged) return [...ALL_CAPABILITIES];
  const base = drop.includes('ALL') ? [] : [...DEFAULT_CAPABILITIES];
  const added = add.includes('ALL') ? [...ALL_CAPABILITIES] : add;
  const set = new Set([...base, ...added]);
  if (!add.includes('ALL')) for (const c of drop) set.delete(c);
  return ALL_CAPABILITIES.filter((c) => set.has(c));
}

export function capabilitySets(caps: string[]): OciCapabilities {
  return { bounding: [...caps], effective: [...caps], permitted: [...caps] };
}

/** Capability numbers (linux/capability.h order): index = bit. */
export const CAPABILITY_BITS: readonly string[] = [
  'CAP_CHOWN',
  'CAP_DAC_OVERRIDE',
  'CAP_DAC_READ_SEARCH',
  'CAP_FOWNER',
  'CAP_FSETID',
  'CAP_KILL',
  'CAP_SETGID',
  'CAP_SETUID',
  'CAP_SETPCAP',
  'CAP_LINUX_IMMUTABLE',
  'CAP_NET_BIND_SERVICE',
  'CAP_NET_BROADCAST',
  'CAP_NET_ADMIN',
  'CAP_NET_RAW',
  'CAP_IPC_LOCK',
  'CAP_IPC_OWNER',
  'CAP_SYS_MODULE',
  'CAP_SYS_RAWIO',
  'CAP_SYS_CHROOT',
  'CAP_SYS_PTRACE',
  'CAP_SYS_PACCT',
  'CAP_SYS_ADMIN',
  'CAP_SYS_BOOT',
  'CAP_SYS_NICE',
  'CAP_SYS_RESOURCE',
  'CAP_SYS_TIME',
  'CAP_SYS_TTY_CONFIG',
  'CAP_MKNOD',
  'CAP_LEASE',
  'CAP_AUDIT_WRITE',
  'CAP_AUDIT_CONTROL',
  'CAP_SETFCAP',
  'CAP_MAC_OVERRIDE',
  'CAP_MAC_ADMIN',
  'CAP_SYSLOG',
  'CAP_WAKE_ALARM',
  'CAP_BLOCK_SUSPEND',
  'CAP_AUDIT_READ',
  'CAP_PERFMON',
  'CAP_BPF',
  'CAP_CHECKPOINT_RESTORE',
];

/** Pure: the `CapBnd:` mask of /proc/<pid>/status as capability names; null when absent. */
export function parseBoundingSet(procStatus: string): string[] | null {
  const m = /^CapBnd:\s*([0-9a-f]+)$/m.exec(procStatus);
  if (!m?.[1]) return null;
  const mask = BigInt(`0x${m[1]}`);
  return CAPABILITY_BITS.filter((_, bit) => (mask >> BigInt(bit)) & 1n);
}
