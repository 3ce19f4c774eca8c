/**
 * Pure: how a container's elevated-option tokens (`privileged`, `capabilities:SYS_ADMIN`,
 * `bind:/srv`…, see @berth/protocol elevated.ts) read in the UI.
 */
const words: Record<string, (value: string) => string> = {
  privileged: () => 'privileged',
  capabilities: (v) => `capability ${v}`,
  'network-host': () => 'host network',
  'pid-host': () => 'host PID namespace',
  'ipc-host': () => 'host IPC namespace',
  'uts-host': () => 'host UTS namespace',
  'cgroupns-host': () => 'host cgroup namespace',
  devices: (v) => `device ${v}`,
  bind: (v) => `bind mount of ${v}`,
  sysctls: (v) => `sysctl ${v}`,
  seccomp: (v) => (v === 'unconfined' ? 'seccomp unconfined' : 'custom seccomp profile'),
  apparmor: (v) => (v === 'unconfined' ? 'AppArmor unconfined' : `AppArmor profile ${v}`),
  'selinux-label': (v) => `SELinux label ${v}`,
  systempaths: () => 'unmasked system paths',
};

export function describeElevatedToken(token: string): string {
  const at = token.indexOf(':');
  const kind = at < 0 ? token : token.slice(0, at);
  const value = at < 0 ? '' : token.slice(at + 1);
  return words[kind]?.(value) ?? token;
}

export interface ElevatedBadgeView {
  /** `privileged` when it is, else `elevated`. */
  text: 'privileged' | 'elevated';
  /** Every option, in words, for the tooltip. */
  title: string;
}

export function elevatedBadge(tokens: readonly string[]): ElevatedBadgeView | null {
  if (tokens.length === 0) return null;
  return {
    text: tokens.includes('privileged') ? 'privileged' : 'elevated',
    title: tokens.map(describeElevatedToken).join(', '),
  };
}
