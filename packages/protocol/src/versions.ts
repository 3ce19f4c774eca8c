// the two functions, not semver's index (which loads its ranges, classes and every function:
// ≈ 0.3 MB more of the agent's heap, for good)
import gt from 'semver/functions/gt.js';
import valid from 'semver/functions/valid.js';

/**
 * The agent ↔ web protocol this build speaks. Raised when a change is not backward compatible
 * (a renamed event, a required field); additive changes (optional fields, new methods) keep it.
 */
export const PROTOCOL_VERSION = 2;
// 2: stats carry the agent's rates (io, net, throttling) and `at` in ms; no `cpuPercent` beside
// `cpu.percentOfHost`. A web of protocol 2 still reads protocol 1's stats (rates null).
/** The oldest agent protocol a web of this build drives; older agents may only be upgraded. */
export const MIN_AGENT_PROTOCOL = 1;
/** What an agent that predates the handshake's `protocolVersion` field speaks. */
export const LEGACY_PROTOCOL = 1;

export type Compatibility =
  | { compatible: true; needsUpgrade: false; reason: null }
  | { compatible: false; needsUpgrade: boolean; reason: string };

export interface WebProtocol {
  /** Named in reasons when known. */
  webVersion?: string;
  protocolVersion: number;
  minAgentProtocol: number;
}

/**
 * Pure: whether a web can drive an agent. Too old an agent `needsUpgrade` (the web can still
 * upgrade it: `agent.upgrade` never changes); an agent newer than the web is refused the other way
 * round (upgrade the web).
 */
export function agentCompatibility(
  agent: { agentVersion: string; protocolVersion: number },
  web: WebProtocol = {
    protocolVersion: PROTOCOL_VERSION,
    minAgentProtocol: MIN_AGENT_PROTOCOL,
  },
): Compatibility {
  const named = web.webVersion ? ` ${web.webVersion}` : '';
  if (agent.protocolVersion < web.minAgentProtocol) {
    return {
      compatible: false,
      needsUpgrade: true,
      reason:
        `agent ${agent.agentVersion} speaks protocol ${agent.protocolVersion}; this web${named} ` +
        `needs protocol ${web.minAgentProtocol} or later: upgrade the agent`,
    };
  }
  if (agent.protocolVersion > web.protocolVersion) {
    return {
      compatible: false,
      needsUpgrade: false,
      reason:
        `agent ${agent.agentVersion} speaks protocol ${agent.protocolVersion}, newer than this ` +
        `web${named} (protocol ${web.protocolVersion}): upgrade the web`,
    };
  }
  return { compatible: true, needsUpgrade: false, reason: null };
}

/** Pure: whether `candidate` is a newer release than `current` (semver; false when either is not one). */
export function isNewerVersion(candidate: string, current: string | null): boolean {
  if (current === null) return false;
  const a = valid(candidate);
  const b = valid(current);
  return a !== null && b !== null && gt(a, b);
}

/** Pure: Node's architecture name → the one agent bundles use (`x64` → `amd64`). */
export function bundleArch(nodeArch: string): string {
  return ({ x64: 'amd64', arm64: 'arm64' } as Record<string, string>)[nodeArch] ?? nodeArch;
}
