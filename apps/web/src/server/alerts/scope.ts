import type { AlertScope } from '../../lib/alert-api-schemas.js';
import { stackOf } from '../fleet/stack-label.js';

/** Pure: whether a host-level target is in scope (only the scope's hosts apply to hosts). */
export function hostInScope(scope: AlertScope, hostId: string): boolean {
  return !scope.hosts?.length || scope.hosts.includes(hostId);
}

/**
 * Pure: whether a container is in scope: on one of the hosts, in one of the stacks, and
 * carrying every label (each part only when given). Unknown labels match no stack or label.
 */
export function containerInScope(
  scope: AlertScope,
  hostId: string,
  labels: Record<string, string> | null,
): boolean {
  if (!hostInScope(scope, hostId)) return false;
  if (scope.stacks?.length) {
    const stack = labels ? stackOf(labels) : null;
    if (!stack || !scope.stacks.includes(stack)) return false;
  }
  for (const [k, v] of Object.entries(scope.labels ?? {})) {
    if (labels?.[k] !== v) return false;
  }
  return true;
}
