import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CliRuntime } from './cli-runtime.js';
import type { OciRuntime } from './types.js';
import { failedPrecondition } from '../errors.js';

export interface RuntimeHostFacts {
  /** True when /sys/fs/cgroup is a pure cgroup v2 mount (cgroup.controllers at its root). */
  pureCgroupV2: boolean;
  crunAvailable: boolean;
}

export type RuntimeName = 'runc' | 'crun';

/** runc by default; crun only on pure cgroup v2 hosts (it refuses hybrid ones). */
export function chooseRuntime(facts: RuntimeHostFacts, preferred?: RuntimeName): RuntimeName {
  const crunUsable = facts.pureCgroupV2 && facts.crunAvailable;
  if (preferred === 'crun' && !crunUsable) {
    throw failedPrecondition('crun needs a pure cgroup v2 host (it refuses hybrid hierarchies)');
  }
  return preferred ?? (crunUsable ? 'crun' : 'runc');
}

export const RUNTIME_BINARIES: Record<RuntimeName, string> = {
  runc: '/usr/sbin/runc',
  crun: '/usr/bin/crun',
};

/** Builds the driver: state lives under `<exec-root>/<name>`. */
export function createRuntime(
  name: RuntimeName,
  execRoot: string,
  binary = RUNTIME_BINARIES[name],
): OciRuntime {
  return new CliRuntime(name, binary, join(execRoot, name));
}

/** Reads the host facts chooseRuntime needs. */
export function detectRuntimeHostFacts(): RuntimeHostFacts {
  return {
    pureCgroupV2: existsSync('/sys/fs/cgroup/cgroup.controllers'),
    crunAvailable: existsSync(RUNTIME_BINARIES.crun),
  };
}
