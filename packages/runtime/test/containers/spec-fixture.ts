import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, release } from 'node:os';
import { join } from 'node:path';
import {
  buildSpec,
  parseKernelVersion,
  parseProcLimits,
  parseSpecOptions,
  type HostConfinement,
  type SpecOptionsInput,
} from '../../src/oci-spec/index.js';

/** Seccomp (the default profile), no AppArmor, plain `ro` binds: what every test host enforces. */
export const FIXTURE_CONFINEMENT: HostConfinement = {
  arch: process.arch,
  kernel: parseKernelVersion(release()),
  seccomp: true,
  apparmor: null,
  recursiveReadOnly: false,
};

/** Writes bundle/config.json for a busybox rootfs with the given options. */
export function writeBundle(
  bundle: string,
  id: string,
  rootfs: string,
  cgroupParent: string,
  opts: SpecOptionsInput,
): void {
  mkdirSync(bundle, { recursive: true });
  const spec = buildSpec({
    id,
    image: {},
    options: parseSpecOptions(opts),
    rootfsPath: rootfs,
    etcPasswd: readFileSync(join(rootfs, 'etc/passwd'), 'utf8'),
    etcGroup: readFileSync(join(rootfs, 'etc/group'), 'utf8'),
    hostRlimits: parseProcLimits(readFileSync('/proc/self/limits', 'utf8')),
    hostCpus: availableParallelism(),
    network: { mode: 'none' },
    mounts: [],
    cgroupParent,
    confinement: FIXTURE_CONFINEMENT,
  });
  writeFileSync(join(bundle, 'config.json'), JSON.stringify(spec));
}
