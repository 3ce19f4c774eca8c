import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

const sh = (cmd: string, args: string[]) =>
  execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });

/**
 * What a container or a network can leave on the host, read from the host itself: network
 * namespaces, links (bridges, veths), iptables rules and chains, mounts, live processes.
 */
export interface HostTraces {
  netns: string;
  links: string;
  iptables: string;
  mounts: string;
}

export function hostTraces(): HostTraces {
  return {
    netns: sh('ip', ['netns', 'list']),
    links: sh('ip', ['-o', 'link', 'show']),
    iptables: sh('iptables-save', []),
    mounts: readFileSync('/proc/self/mountinfo', 'utf8'),
  };
}

/**
 * Pure: the iptables chain CNI's bridge plugin makes for a container's masquerade on a network
 * (containernetworking/plugins `utils.FormatChainName`: `CNI-` + sha512(name + id), 28 chars).
 */
export function cniMasqChain(network: string, containerId: string): string {
  const hex = createHash('sha512')
    .update(network + containerId)
    .digest('hex');
  return `CNI-${hex}`.slice(0, 28);
}

/** Pure: is an iptables chain declared in `iptables-save` output? */
export function hasChain(iptables: string, chain: string): boolean {
  return iptables.split('\n').some((l) => l.startsWith(`:${chain} `));
}

/** Pure: the traces of these containers (by ID), bridges and chains still there, as messages. */
export function tracesLeft(
  t: HostTraces,
  what: {
    containerIds?: readonly string[];
    bridges?: readonly string[];
    paths?: readonly string[];
    /** iptables chains (`cniMasqChain`). */
    chains?: readonly string[];
  },
): string[] {
  const left: string[] = [];
  for (const c of what.chains ?? []) if (hasChain(t.iptables, c)) left.push(`iptables chain ${c}`);
  for (const id of what.containerIds ?? []) {
    // netns names and CNI chain comments carry the ID (or its first 32 hex digits)
    if (t.netns.includes(id.slice(0, 32))) left.push(`netns of ${id.slice(0, 12)}`);
    if (t.iptables.includes(id.slice(0, 32))) left.push(`iptables rules of ${id.slice(0, 12)}`);
    if (t.mounts.includes(id)) left.push(`mounts of ${id.slice(0, 12)}`);
  }
  for (const b of what.bridges ?? []) {
    if (new RegExp(`: ${b.replace(/\./g, '\\.')}[:@]`).test(t.links)) left.push(`bridge ${b}`);
    if (t.iptables.includes(b)) left.push(`iptables rules for ${b}`);
  }
  for (const p of what.paths ?? []) if (t.mounts.includes(p)) left.push(`mount under ${p}`);
  return left;
}

/** Whether a process is gone (or a zombie its parent has not reaped yet). */
export function processGone(pid: number): boolean {
  try {
    const state = readFileSync(`/proc/${pid}/stat`, 'utf8').split(' ')[2] ?? '';
    return state === 'Z';
  } catch {
    return true;
  }
}
