import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { netnsName } from '../../src/network/netns.js';

/**
 * What one leak test owns on the host, read from the host itself (not from Berth's records):
 * every entry is a string so two snapshots can be diffed. Other tests and agents may run at the
 * same time, so each probe is scoped to this test's bridge, network name, container ids, cgroup
 * parent and roots; probes that look at the whole host would report their containers too.
 */
export interface LeakScope {
  bridge: string;
  /** CNI network name (iptables comments and chain hashes derive from it). */
  network: string;
  ipamDir: string;
  cgroupParent: string;
  /** Roots whose files, mounts and processes belong to the test (data root, exec root, …). */
  roots: string[];
  /** Every container id the test created (including failed creates). */
  ids: Iterable<string>;
}

export type HostSnapshot = Record<string, string[]>;

const run = (cmd: string, args: string[]) =>
  execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });

/** Pure: the CNI plugins' per-container chain names (bridge ipMasq and portmap DNAT). */
export function cniChainNames(network: string, id: string): string[] {
  const h = createHash('sha512')
    .update(network + id)
    .digest('hex');
  return [`CNI-${h}`.slice(0, 28), `CNI-DN-${h}`.slice(0, 28)];
}

function vethsOnBridge(bridge: string): string[] {
  try {
    return run('ip', ['-o', 'link', 'show', 'master', bridge])
      .split('\n')
      .filter(Boolean)
      .map((l) => `${l.split(':')[1]?.trim().split('@')[0]}`);
  } catch {
    return []; // no bridge yet
  }
}

function iptablesLines(s: LeakScope, ids: string[]): string[] {
  const chains = new Set(ids.flatMap((id) => cniChainNames(s.network, id)));
  const out: string[] = [];
  let table = '';
  for (const line of run('iptables-save', []).split('\n')) {
    if (line.startsWith('*')) table = line.slice(1);
    const mentionsChain = line.split(/[\s:]+/).some((w) => chains.has(w));
    const mentionsId = ids.some((id) => line.includes(id));
    if (mentionsChain || mentionsId || line.includes(`"${s.network}"`))
      out.push(`${table}: ${line.replace(/ \[\d+:\d+\]$/, '')}`);
  }
  return out;
}

function walk(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const d of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, d.name);
    if (d.isDirectory()) {
      const before = out.length;
      walk(p, out);
      if (out.length === before) out.push(`${p}/`); // an empty dir is an entry of its own
    } else out.push(p);
  }
  return out;
}

function cgroupDirs(parent: string): string[] {
  if (!existsSync('/sys/fs/cgroup')) return [];
  const out: string[] = [];
  for (const ctrl of readdirSync('/sys/fs/cgroup')) {
    const base = join('/sys/fs/cgroup', ctrl, parent);
    if (!existsSync(base) || !statSync(base).isDirectory()) continue;
    const rec = (p: string): void => {
      for (const d of readdirSync(p, { withFileTypes: true }))
        if (d.isDirectory()) {
          out.push(join(p, d.name));
          rec(join(p, d.name));
        }
    };
    rec(base);
  }
  return out;
}

/** Processes whose command line names one of the roots (conmon, runc) or that sit in the cgroups. */
function processes(s: LeakScope): string[] {
  const out: string[] = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
      const cgroup = readFileSync(`/proc/${pid}/cgroup`, 'utf8');
      if (
        s.roots.some((r) => cmdline.includes(r)) ||
        cgroup.split('\n').some((l) => l.split(':')[2]?.startsWith(`${s.cgroupParent}/`))
      )
        out.push(`${pid} ${cmdline}`);
    } catch {
      /* exited while reading */
    }
  }
  return out;
}

function mounts(s: LeakScope, ids: string[]): string[] {
  const netns = ids.map((id) => `/${netnsName(id)}`);
  return readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .map((l) => l.split(' ')[4] ?? '')
    .filter((m) => s.roots.some((r) => m.startsWith(r)) || netns.some((n) => m.endsWith(n)));
}

/** Reads every probe. Cheap enough to call a few times (one `iptables-save`). */
export function snapshotHost(s: LeakScope): HostSnapshot {
  const ids = [...s.ids];
  const netns = new Set(ids.map(netnsName));
  return {
    'veths on the test bridge': vethsOnBridge(s.bridge),
    'network namespaces': run('ip', ['netns', 'list'])
      .split('\n')
      .map((l) => l.split(' ')[0] ?? '')
      .filter((n) => netns.has(n)),
    'iptables lines (all tables)': iptablesLines(s, ids),
    'IPAM leases': walk(s.ipamDir).filter((f) => /\d+\.\d+\.\d+\.\d+$/.test(f)),
    'cgroups under the test parent': cgroupDirs(s.cgroupParent),
    'mounts under the test roots': mounts(s, ids),
    'processes (conmon/runc/container)': processes(s),
    'files under the test roots': s.roots.flatMap((r) => walk(r)),
  };
}

/** Pure: what `after` has that `before` had not, per probe, minus what `allowed` accepts. */
export function newEntries(
  before: HostSnapshot,
  after: HostSnapshot,
  allowed: (probe: string, entry: string) => boolean = () => false,
): HostSnapshot {
  const out: HostSnapshot = {};
  for (const [probe, entries] of Object.entries(after)) {
    const old = new Set(before[probe] ?? []);
    const fresh = entries.filter((e) => !old.has(e) && !allowed(probe, e));
    if (fresh.length > 0) out[probe] = fresh;
  }
  return out;
}
