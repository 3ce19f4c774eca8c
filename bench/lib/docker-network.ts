import { run, runChecked } from './process.js';

/**
 * dockerd with its default bridge (`docker0`) and iptables rules, on a shared machine: what it
 * changes is recorded before it starts and put back after it stopped — only what it created.
 */

const TABLES = ['filter', 'nat'] as const;
type Table = (typeof TABLES)[number];

/** `iptables -t <table> -S` lines per table. */
export type RuleSnapshot = Record<Table, readonly string[]>;

export interface NetworkBefore {
  readonly rules: RuleSnapshot;
  readonly forwardPolicy: string;
  readonly bridgeExisted: boolean;
}

/** Pure: shell-like words of one `iptables -S` line (double quotes group, `\"` escapes). */
export function splitRule(line: string): string[] {
  const words: string[] = [];
  let cur = '';
  let inWord = false;
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === '\\' && quoted && line[i + 1] === '"') {
      cur += '"';
      i++;
    } else if (ch === '"') {
      quoted = !quoted;
      inWord = true;
    } else if (ch === ' ' && !quoted) {
      if (inWord) words.push(cur);
      cur = '';
      inWord = false;
    } else {
      cur += ch;
      inWord = true;
    }
  }
  if (inWord) words.push(cur);
  return words;
}

/** Pure: the FORWARD policy (`ACCEPT`/`DROP`) in a filter-table snapshot. */
export function forwardPolicy(filterLines: readonly string[]): string {
  const line = filterLines.find((l) => l.startsWith('-P FORWARD '));
  return line?.split(' ')[2] ?? 'ACCEPT';
}

export interface Leftovers {
  /** `-D …` argument lists, jump rules first. */
  readonly rules: { table: Table; args: string[] }[];
  /** Chains to flush and delete. */
  readonly chains: { table: Table; chain: string }[];
}

/**
 * Pure: rules and chains present after but not before that are dockerd's — they name a
 * `DOCKER…` chain or the bridge. Anything else (other helpers' CNI rules) is left alone.
 */
export function dockerLeftovers(
  before: RuleSnapshot,
  after: RuleSnapshot,
  bridge: string,
): Leftovers {
  const ours = (l: string) => /\bDOCKER/.test(l) || l.includes(bridge);
  const rules: Leftovers['rules'] = [];
  const chains: Leftovers['chains'] = [];
  for (const table of TABLES) {
    const old = new Set(before[table]);
    for (const line of after[table]) {
      if (old.has(line) || !ours(line)) continue;
      if (line.startsWith('-A ')) rules.push({ table, args: ['-D', ...splitRule(line).slice(1)] });
      else if (line.startsWith('-N ')) chains.push({ table, chain: line.slice(3).trim() });
    }
  }
  return { rules, chains };
}

async function snapshot(): Promise<RuleSnapshot> {
  const read = async (table: Table) =>
    (await runChecked('iptables', ['-t', table, '-S'])).split('\n').filter((l) => l !== '');
  return { filter: await read('filter'), nat: await read('nat') };
}

export async function linkExists(name: string): Promise<boolean> {
  return (await run('ip', ['link', 'show', name])).code === 0;
}

export async function recordNetwork(bridge: string): Promise<NetworkBefore> {
  const rules = await snapshot();
  return {
    rules,
    forwardPolicy: forwardPolicy(rules.filter),
    bridgeExisted: await linkExists(bridge),
  };
}

/**
 * dockerd sets the FORWARD policy to DROP; with bridge-nf-call-iptables on, that would also drop
 * bridged traffic of other bridges on this machine (other agents' berth0). Put it back.
 */
export async function restoreForwardPolicy(before: NetworkBefore): Promise<void> {
  const now = forwardPolicy(
    await runChecked('iptables', ['-S', 'FORWARD']).then((s) => s.split('\n')),
  );
  if (now !== before.forwardPolicy)
    await runChecked('iptables', ['-P', 'FORWARD', before.forwardPolicy]);
}

/** After dockerd stopped: its rules, its chains, the bridge if it made it, the FORWARD policy. */
export async function removeDockerNetwork(before: NetworkBefore, bridge: string): Promise<void> {
  const left = dockerLeftovers(before.rules, await snapshot(), bridge);
  for (const r of left.rules) await run('iptables', ['-t', r.table, ...r.args]);
  for (const c of left.chains) await run('iptables', ['-t', c.table, '-F', c.chain]);
  for (const c of left.chains) await run('iptables', ['-t', c.table, '-X', c.chain]);
  if (!before.bridgeExisted && (await linkExists(bridge)))
    await runChecked('ip', ['link', 'del', bridge]);
  await restoreForwardPolicy(before);
}
