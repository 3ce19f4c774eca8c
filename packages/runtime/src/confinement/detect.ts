import { access, readFile } from 'node:fs/promises';
import { release } from 'node:os';
import { runBinary } from '../oci-runtime/run-binary.js';
import type { HostConfinement } from '../oci-spec/confinement.js';
import { parseKernelVersion, type KernelVersion } from '../oci-spec/seccomp/resolve.js';
import { parseRuntimeFeatures, LEGACY_RUNTIME_FEATURES } from './runtime-features.js';
import { loadAppArmorProfile } from './apparmor-load.js';

const readOr = (p: string) => readFile(p, 'utf8').catch(() => '');

/** `rro` needs mount_setattr(2) with AT_RECURSIVE: Linux 5.12. */
function kernelHasMountSetattr(k: KernelVersion | null): boolean {
  return k !== null && (k.major > 5 || (k.major === 5 && k.minor >= 12));
}

export interface DetectOptions {
  /** The OCI runtime binary (runc or crun), asked for its `features`. */
  runtimeBinary: string;
  /** Where apparmor_parser may live; the first that exists is used. */
  apparmorParsers?: readonly string[];
  onWarning?: (message: string) => void;
}

export const APPARMOR_PARSERS = ['/sbin/apparmor_parser', '/usr/sbin/apparmor_parser'];

async function firstExisting(paths: readonly string[]): Promise<string | undefined> {
  for (const p of paths)
    if (
      await access(p).then(
        () => true,
        () => false,
      )
    )
      return p;
  return undefined;
}

/**
 * What this host can enforce for containers: seccomp (the kernel has it and the runtime was built
 * with it), AppArmor (enabled in the kernel and apparmor_parser present: `berth-default` is loaded
 * if it is not already), and `rro` (kernel ≥ 5.12 and the runtime knows the option).
 */
export async function detectHostConfinement(o: DetectOptions): Promise<HostConfinement> {
  const kernel = parseKernelVersion(release());
  const [status, features] = await Promise.all([
    readOr('/proc/self/status'),
    runBinary(o.runtimeBinary, ['features'], { allowFailure: true }).then(
      (r) => (r.exitCode === 0 ? parseRuntimeFeatures(r.stdout) : LEGACY_RUNTIME_FEATURES),
      () => LEGACY_RUNTIME_FEATURES,
    ),
  ]);
  const parser = await firstExisting(o.apparmorParsers ?? APPARMOR_PARSERS);
  const apparmor =
    features.apparmor && parser ? await loadAppArmorProfile(parser, o.onWarning) : null;
  return {
    arch: process.arch,
    kernel,
    seccomp: /^Seccomp:\s/m.test(status) && features.seccomp,
    apparmor,
    recursiveReadOnly: features.recursiveReadOnly && kernelHasMountSetattr(kernel),
  };
}
