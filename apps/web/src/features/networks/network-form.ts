import { CreateNetworkBody } from '../../lib/network-api-schemas.js';
import type { NetworkDto } from '../../lib/dto/network.js';

/** What the create-network form edits. */
export interface NetworkFormValues {
  name: string;
  /** Empty: the agent takes the next free subnet of its address pool. */
  subnet: string;
  internal: boolean;
}

export const emptyNetworkForm: NetworkFormValues = { name: '', subnet: '', internal: false };

export type NetworkFormResult =
  | { ok: true; request: CreateNetworkBody }
  | { ok: false; errors: Partial<Record<keyof NetworkFormValues, string>> };

/** Pure: form values → the create body, or per-field messages (the agent checks overlaps). */
export function toNetworkRequest(v: NetworkFormValues): NetworkFormResult {
  const candidate = {
    name: v.name.trim(),
    ...(v.subnet.trim() ? { subnet: v.subnet.trim() } : {}),
    ...(v.internal ? { internal: true } : {}),
  };
  const parsed = CreateNetworkBody.safeParse(candidate);
  if (parsed.success) return { ok: true, request: parsed.data };
  const errors: Partial<Record<keyof NetworkFormValues, string>> = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path[0] === 'subnet' ? 'subnet' : 'name';
    errors[key] ??= key === 'name' && candidate.name === '' ? 'a name is required' : issue.message;
  }
  return { ok: false, errors };
}

/** Pure: the row of the networks table. */
export function networkRow(n: NetworkDto) {
  return {
    id: n.id.slice(0, 12),
    kind: n.builtin ? 'built-in' : n.internal ? 'internal' : 'bridge',
    dns: n.dns ? 'yes' : 'no',
    containers: n.containers.length,
    removable: !n.builtin && n.containers.length === 0,
  };
}

/** Pure: what the create form's network select offers: the modes, then the host's networks. */
export function networkChoices(
  networks: readonly NetworkDto[],
): { value: string; label: string }[] {
  return [
    { value: 'bridge', label: 'bridge (default network)' },
    ...networks
      .filter((n) => !n.builtin)
      .map((n) => ({
        value: n.name,
        label: `${n.name} (${n.subnet}${n.internal ? ', internal' : ''})`,
      })),
    { value: 'none', label: 'none' },
    { value: 'host', label: 'host' },
  ];
}
