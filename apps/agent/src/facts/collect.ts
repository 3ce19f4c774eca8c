import { execFile } from 'node:child_process';
import { access, readFile } from 'node:fs/promises';
import os from 'node:os';
import { promisify } from 'node:util';
import { PROTOCOL_VERSION, type HostFacts } from '@berth/protocol';
import type { HostConfinement } from '@berth/runtime';
import { AGENT_VERSION } from '../version.js';
import {
  cgroupVersionFrom,
  confinementFacts,
  parseOsRelease,
  parseRuntimeVersion,
} from './parse.js';

const run = promisify(execFile);

/** `<binary> --version` → version, or null when the binary is missing or prints nonsense. */
async function runtimeVersion(name: string): Promise<string | null> {
  try {
    const { stdout } = await run(name, ['--version'], { timeout: 5000 });
    return parseRuntimeVersion(name, stdout);
  } catch {
    return null;
  }
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/** Gather this host's facts; `name` overrides the hostname; `confinement` is the engine's. */
export async function collectHostFacts(opts: {
  name: string | null;
  confinement?: HostConfinement;
}): Promise<HostFacts> {
  const [osRelease, unified, runc, crun, conmon] = await Promise.all([
    readFile('/etc/os-release', 'utf8').catch(() =>
      readFile('/usr/lib/os-release', 'utf8').catch(() => ''),
    ),
    exists('/sys/fs/cgroup/cgroup.controllers'),
    runtimeVersion('runc'),
    runtimeVersion('crun'),
    runtimeVersion('conmon'),
  ]);
  return {
    hostname: (opts.name ?? os.hostname()).slice(0, 253) || 'unknown',
    kernel: os.release().slice(0, 256),
    os: (parseOsRelease(osRelease) ?? os.type()).slice(0, 256),
    arch: os.arch(),
    cgroupVersion: cgroupVersionFrom(unified),
    cpus: Math.max(1, os.availableParallelism()),
    memoryBytes: os.totalmem(),
    runtimes: { runc, crun, conmon },
    agentVersion: AGENT_VERSION,
    protocolVersion: PROTOCOL_VERSION,
    ...(opts.confinement ? { confinement: confinementFacts(opts.confinement) } : {}),
  };
}
