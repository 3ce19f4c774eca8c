import type { OciSeccomp, OciSyscallRule } from '../types.js';
import type { SeccompFilter, SeccompProfile, SeccompRule } from './profile.js';

export interface KernelVersion {
  major: number;
  minor: number;
}

/** What a profile's conditions are checked against. */
export interface SeccompTarget {
  /** Node's `process.arch` of the host (x64, arm64, …). */
  arch: string;
  /** The host kernel; null when unknown (rules with a minimum kernel are then left out). */
  kernel: KernelVersion | null;
  /** The container's bounding capability set. */
  capabilities: readonly string[];
}

/** Node's arch → [the native name profiles use in `arches`, libseccomp's architecture]. */
const ARCHES: Record<string, readonly [string, string]> = {
  x64: ['amd64', 'SCMP_ARCH_X86_64'],
  arm64: ['arm64', 'SCMP_ARCH_AARCH64'],
  ia32: ['x86', 'SCMP_ARCH_X86'],
  arm: ['arm', 'SCMP_ARCH_ARM'],
  ppc64: ['ppc64le', 'SCMP_ARCH_PPC64LE'],
  s390x: ['s390x', 'SCMP_ARCH_S390X'],
  riscv64: ['riscv64', 'SCMP_ARCH_RISCV64'],
  loong64: ['loong64', 'SCMP_ARCH_LOONGARCH64'],
  mips64el: ['mipsel64', 'SCMP_ARCH_MIPSEL64'],
};

/** `6.1.0-18-amd64` → {6, 1}; null when it does not start with two numbers. */
export function parseKernelVersion(release: string): KernelVersion | null {
  const m = /^(\d+)\.(\d+)/.exec(release);
  return m ? { major: Number(m[1]), minor: Number(m[2]) } : null;
}

function kernelAtLeast(kernel: KernelVersion | null, min: string): boolean {
  if (!kernel) return false;
  const [major, minor] = min.split('.').map(Number) as [number, number];
  return kernel.major > major || (kernel.major === major && kernel.minor >= minor);
}

/** Every condition of an `includes` holds (all listed caps present, arch listed, kernel new enough). */
function included(f: SeccompFilter, native: string | undefined, t: SeccompTarget): boolean {
  if (f.arches?.length && !(native && f.arches.includes(native))) return false;
  if (f.caps?.some((c) => !t.capabilities.includes(c))) return false;
  if (f.minKernel && !kernelAtLeast(t.kernel, f.minKernel)) return false;
  return true;
}

/** Any condition of an `excludes` holds (one listed cap present, arch listed, kernel new enough). */
function excluded(f: SeccompFilter, native: string | undefined, t: SeccompTarget): boolean {
  if (native && f.arches?.includes(native)) return true;
  if (f.caps?.some((c) => t.capabilities.includes(c))) return true;
  if (f.minKernel && kernelAtLeast(t.kernel, f.minKernel)) return true;
  return false;
}

function toOciRule(r: SeccompRule): OciSyscallRule {
  const rule: OciSyscallRule = { names: [...r.names], action: r.action };
  if (r.errnoRet !== undefined) rule.errnoRet = r.errnoRet;
  if (r.args?.length) rule.args = r.args.map((a) => ({ ...a }));
  return rule;
}

/**
 * Pure: a profile → the `linux.seccomp` runc loads, for one container on one host. Rules whose
 * conditions do not hold are dropped (Docker's semantics: `includes` needs every condition,
 * `excludes` drops on any); the host's architecture brings its sub-architectures from `archMap`.
 */
export function resolveSeccomp(profile: SeccompProfile, target: SeccompTarget): OciSeccomp {
  const [native, scmp] = ARCHES[target.arch] ?? [];
  const out: OciSeccomp = { defaultAction: profile.defaultAction };
  if (profile.defaultErrnoRet !== undefined) out.defaultErrnoRet = profile.defaultErrnoRet;
  if (profile.architectures?.length) out.architectures = [...profile.architectures];
  const mapped = profile.archMap?.find((a) => a.architecture === scmp);
  if (mapped) out.architectures = [mapped.architecture, ...(mapped.subArchitectures ?? [])];
  if (profile.flags?.length) out.flags = [...profile.flags];
  out.syscalls = (profile.syscalls ?? [])
    .filter((r) => !r.excludes || !excluded(r.excludes, native, target))
    .filter((r) => !r.includes || included(r.includes, native, target))
    .map(toOciRule);
  return out;
}
