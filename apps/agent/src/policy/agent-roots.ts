import { isPathWithin, normalizeAbsolutePath } from '@berth/protocol';

/** A path the web may never reach through a bind: the agent's own state and its API socket. */
export interface AgentRoot {
  path: string;
  /** In people's words: `the agent's data root`. */
  what: string;
}

export function agentRoots(c: { dataRoot: string; execRoot: string; socketPath: string }) {
  return [
    { path: c.dataRoot, what: "the agent's data root" },
    { path: c.execRoot, what: "the agent's exec root" },
    { path: c.socketPath, what: "the agent's API socket" },
  ] satisfies AgentRoot[];
}

/**
 * Pure: the agent root a host path would expose — the path is at or under the root, or is one of
 * its parents (binding /var exposes /var/lib/berth). Null when it exposes none.
 */
export function exposedRoot(path: string, roots: readonly AgentRoot[]): AgentRoot | null {
  const p = normalizeAbsolutePath(path);
  for (const root of roots) {
    const r = normalizeAbsolutePath(root.path);
    if (isPathWithin(p, r) || isPathWithin(r, p)) return root;
  }
  return null;
}
