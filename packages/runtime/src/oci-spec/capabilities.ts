import { DEFAULT_CAPABILITIES, LINUX_CAPABILITIES as ALL_CAPABILITIES } from '@berth/protocol';
import type { OciCapabilities } from './types.js';
import { invalidArgument } from '../errors.js';

// The capability table (kernel bit order) and Docker's default set have one owner,
// @berth/protocol, which the elevated-options classifier reads too.

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

/** Pure: the `CapBnd:` mask of /proc/<pid>/status as capability names; null when absent. */
export function parseBoundingSet(procStatus: string): string[] | null {
  const m = /^CapBnd:\s*([0-9a-f]+)$/m.exec(procStatus);
  if (!m?.[1]) return null;
  const mask = BigInt(`0x${m[1]}`);
  return ALL_CAPABILITIES.filter((_, bit) => (mask >> BigInt(bit)) & 1n);
}
