import type { OciMount, OciSeccomp } from './types.js';
import type { SecurityOptions } from './security-opts.js';
import { DEFAULT_SECCOMP_PROFILE } from './seccomp/default-profile.js';
import { resolveSeccomp, type KernelVersion } from './seccomp/resolve.js';
import { failedPrecondition } from '../errors.js';

/** What this host can enforce; detected once by confinement/detect.ts, injected into the builder. */
export interface HostConfinement {
  /** Node's `process.arch`. */
  arch: string;
  kernel: KernelVersion | null;
  /** The kernel filters syscalls and the OCI runtime loads seccomp profiles. */
  seccomp: boolean;
  /** The AppArmor profile loaded for containers (`berth-default`), or null: AppArmor is off. */
  apparmor: string | null;
  /** Read-only binds can be made recursively read-only (`rro`: kernel ≥ 5.12 and the runtime). */
  recursiveReadOnly: boolean;
}

/** Which confinement one container got: recorded with it, shown by inspect and info. */
export interface Confinement {
  seccomp: 'default' | 'custom' | 'unconfined' | 'unavailable';
  apparmor: string | null;
  cgroupns: 'private' | 'host';
  noNewPrivileges: boolean;
  readOnlyBinds: 'rro' | 'ro';
}

export interface ConfinementInput {
  security: SecurityOptions;
  cgroupns: 'private' | 'host';
  privileged: boolean;
  /** The container's bounding capability set (after --cap-add/--cap-drop). */
  capabilities: readonly string[];
  host: HostConfinement;
}

export interface ResolvedConfinement {
  confinement: Confinement;
  seccomp: OciSeccomp | undefined;
  apparmorProfile: string | undefined;
}

function seccompFor(i: ConfinementInput): [Confinement['seccomp'], OciSeccomp | undefined] {
  const choice = i.security.seccomp;
  if (choice.kind === 'unconfined' || (choice.kind === 'default' && i.privileged))
    return ['unconfined', undefined];
  const target = { arch: i.host.arch, kernel: i.host.kernel, capabilities: i.capabilities };
  if (!i.host.seccomp) {
    if (choice.kind === 'custom')
      throw failedPrecondition(
        'a seccomp profile was given but this host cannot load seccomp filters',
      );
    return ['unavailable', undefined];
  }
  if (choice.kind === 'custom') return ['custom', resolveSeccomp(choice.profile, target)];
  return ['default', resolveSeccomp(DEFAULT_SECCOMP_PROFILE, target)];
}

function apparmorFor(i: ConfinementInput): string | undefined {
  const choice = i.security.apparmor;
  if (choice.kind === 'unconfined') return undefined;
  if (choice.kind === 'default') return i.privileged ? undefined : (i.host.apparmor ?? undefined);
  if (i.host.apparmor === null)
    throw failedPrecondition(
      `AppArmor profile "${choice.name}" asked for, but AppArmor is off on this host`,
    );
  return choice.name;
}

/**
 * Pure: the container's confinement, Docker's way. Default: the default seccomp profile resolved
 * for its capabilities, the host's AppArmor profile when AppArmor is on, a private cgroup
 * namespace, no-new-privileges off. `privileged` drops seccomp and AppArmor unless a profile is
 * named explicitly.
 */
export function resolveConfinement(i: ConfinementInput): ResolvedConfinement {
  const [seccompKind, seccomp] = seccompFor(i);
  const apparmorProfile = apparmorFor(i);
  return {
    seccomp,
    apparmorProfile,
    confinement: {
      seccomp: seccompKind,
      apparmor: apparmorProfile ?? null,
      cgroupns: i.cgroupns,
      noNewPrivileges: i.security.noNewPrivileges,
      readOnlyBinds: i.host.recursiveReadOnly ? 'rro' : 'ro',
    },
  };
}

/** Pure: read-only binds become recursively read-only (`rro`) where the host supports it. */
export function recursiveReadOnlyBinds(mounts: OciMount[], host: HostConfinement): OciMount[] {
  if (!host.recursiveReadOnly) return mounts;
  return mounts.map((m) =>
    m.type === 'bind' && m.options?.includes('ro')
      ? { ...m, options: m.options.map((o) => (o === 'ro' ? 'rro' : o)) }
      : m,
  );
}
