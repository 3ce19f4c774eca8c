import { allowElevatedCovers, isPathWithin } from '@berth/protocol';
import type { ElevatedOption } from '@berth/protocol';
import { exposedRoot, type AgentRoot } from './agent-roots.js';

/** The owner's policy with every path already resolved on the host (symlinks, `..`). */
export interface ResolvedPolicy {
  allowElevated: readonly string[];
  allowBind: readonly string[];
  roots: readonly AgentRoot[];
}

export interface Refusal {
  option: ElevatedOption;
  /** The agent flag that would allow it; null when nothing can (the agent's own roots). */
  allowWith: string | null;
  /** Why it can never be allowed, when `allowWith` is null. */
  never?: string;
}

/**
 * Pure: which of a request's elevated options this host refuses. `realBinds` maps each bind's
 * host path (as classified) to its real path on the host; a bind is allowed when its real path
 * is at or under an `--allow-bind` path and exposes none of the agent's roots.
 */
export function refusals(
  options: readonly ElevatedOption[],
  policy: ResolvedPolicy,
  realBinds: ReadonlyMap<string, string>,
): Refusal[] {
  const out: Refusal[] = [];
  for (const option of options) {
    if (option.kind !== 'bind') {
      if (!allowElevatedCovers(policy.allowElevated, option))
        out.push({
          option,
          allowWith: option.kind === 'unclassified' ? null : `--allow-elevated ${option.token}`,
          ...(option.kind === 'unclassified' ? { never: 'this agent does not know it' } : {}),
        });
      continue;
    }
    const real = realBinds.get(option.value ?? '') ?? option.value ?? '/';
    const root = exposedRoot(real, policy.roots);
    if (root) out.push({ option, allowWith: null, never: `it would expose ${root.what}` });
    else if (!policy.allowBind.some((p) => isPathWithin(real, p)))
      out.push({ option, allowWith: `--allow-bind ${real}` });
  }
  return out;
}

/** Pure: a refusal in people's words, with the command that would allow what can be allowed. */
export function describeRefusals(list: readonly Refusal[]): string {
  const allowable = list.filter((r) => r.allowWith !== null);
  const never = list.filter((r) => r.allowWith === null);
  const parts: string[] = [];
  if (allowable.length > 0) {
    const flags = allowable.map((r) => r.allowWith).join(' ');
    parts.push(
      `this host's policy does not allow: ${allowable.map((r) => r.option.label).join(', ')}. ` +
        `The host's owner can allow it with \`berth-agent ${flags}\``,
    );
  }
  if (never.length > 0) {
    parts.push(
      `never allowed from the web: ${never.map((r) => `${r.option.label} (${r.never})`).join(', ')}`,
    );
  }
  return parts.join('. ');
}
