import { ALL_CAPABILITIES, DEFAULT_CAPABILITIES } from './defaults.js';
import type { OciCapabilities } from './types.js';
import { invalidArgument } from '../errors.js';

/** Docker's capability arithmetic: default set (or all if privileged) + add − drop; ALL works on both sides. */
export function resolveCapabilities(add: string[], drop: string[], privileged: boolean): string[] {
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
