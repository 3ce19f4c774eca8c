/** Pure parsers for host facts; the I/O lives in collect.ts. */
import type { ConfinementFacts } from '@berth/protocol';
import type { HostConfinement } from '@berth/runtime';

/** PRETTY_NAME from /etc/os-release (NAME as a fallback), unquoted; null when absent. */
export function parseOsRelease(text: string): string | null {
  const values = new Map<string, string>();
  for (const line of text.split('\n')) {
    const m = /^\s*([A-Z0-9_]+)=(.*)$/.exec(line);
    if (m) values.set(m[1]!, unquote(m[2]!.trim()));
  }
  return values.get('PRETTY_NAME') || values.get('NAME') || null;
}

function unquote(v: string): string {
  const m = /^"(.*)"$|^'(.*)'$/.exec(v);
  if (!m) return v;
  const inner = m[1] ?? m[2] ?? '';
  return m[1] !== undefined ? inner.replace(/\\(["\\$`])/g, '$1') : inner;
}

/**
 * The version from `runc --version`, `crun --version` or `conmon --version` output:
 * the first line looks like `<name> version 1.1.5+ds1`. Null when the output does not match.
 */
export function parseRuntimeVersion(name: string, output: string): string | null {
  const first = output.split('\n', 1)[0] ?? '';
  const m = new RegExp(`^${name}\\s+version\\s+(\\S+)`).exec(first.trim());
  return m ? m[1]!.slice(0, 128) : null;
}

/** cgroup v2 (unified) when the root has `cgroup.controllers`, else v1 (including hybrid). */
export function cgroupVersionFrom(hasUnifiedControllers: boolean): 1 | 2 {
  return hasUnifiedControllers ? 2 : 1;
}

/**
 * What a container created with default options gets on this host: the runtime's detection, plus
 * Berth's defaults (a private cgroup namespace; no-new-privileges off, as Docker).
 */
export function confinementFacts(host: HostConfinement): ConfinementFacts {
  return {
    seccomp: host.seccomp,
    apparmor: host.apparmor,
    cgroupns: 'private',
    noNewPrivileges: false,
    recursiveReadOnly: host.recursiveReadOnly,
  };
}
