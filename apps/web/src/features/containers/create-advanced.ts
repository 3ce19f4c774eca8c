import type { ElevatedKind, HostPolicy } from '@berth/protocol';

/** The create form's elevated controls and the option kind each one asks for. */
const controls = {
  privileged: 'privileged',
  pidHost: 'pid-host',
  networkHost: 'network-host',
  capAdd: 'capabilities',
  devices: 'devices',
  securityOpt: 'seccomp',
} as const satisfies Record<string, ElevatedKind>;
const words: Record<keyof typeof controls, string> = {
  privileged: 'privileged',
  pidHost: 'host PID namespace',
  networkHost: 'host network',
  capAdd: 'extra capabilities',
  devices: 'devices',
  securityOpt: 'security options',
};
export type AdvancedControl = keyof typeof controls;

export interface AdvancedView {
  /** Controls to show: the host's policy may accept what they ask for. */
  shown: Record<AdvancedControl, boolean>;
  /** What the host's owner has not allowed, in words (the form hides those controls). */
  refused: string[];
  /** Host paths the web may bind here; null when the agent did not report a policy. */
  bindPaths: string[] | null;
}

function kindMayBeAllowed(allow: readonly string[], kind: ElevatedKind): boolean {
  return allow.some((e) => e === 'all' || e === kind || e.startsWith(`${kind}:`));
}

/**
 * Pure: which elevated controls an admin sees for a host. Its agent has the last word; a control
 * whose kind the host refuses outright is hidden. An agent that reported no policy shows all
 * (it will still answer for itself).
 */
export function advancedView(policy: HostPolicy | null): AdvancedView {
  const entries = Object.entries(controls) as [AdvancedControl, ElevatedKind][];
  const allows = (kind: ElevatedKind) =>
    policy === null ||
    kindMayBeAllowed(policy.allowElevated, kind) ||
    // security options span several kinds; any of them keeps the list
    (kind === 'seccomp' &&
      ['apparmor', 'selinux-label', 'systempaths', 'security-opt'].some((k) =>
        kindMayBeAllowed(policy.allowElevated, k as ElevatedKind),
      ));
  return {
    shown: Object.fromEntries(entries.map(([c, kind]) => [c, allows(kind)])) as Record<
      AdvancedControl,
      boolean
    >,
    refused: entries.filter(([, kind]) => !allows(kind)).map(([c]) => words[c]),
    bindPaths: policy === null ? null : [...policy.allowBind],
  };
}
