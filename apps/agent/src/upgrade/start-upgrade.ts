import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, openSync } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type {
  AgentUpgradeAccepted,
  AgentUpgradeRequest,
  AgentCredentialFile,
} from '@berth/protocol';
import { bundleArch, UPGRADE_DEADLINE_SEC } from '@berth/protocol';
import { AgentError } from '../errors.js';
import type { Logger } from '@berth/log';
import type { ServerAddress } from '../link/transport.js';
import { fetchBundle } from './fetch-bundle.js';
import { paths, releaseDir, type InstallLayout } from './layout.js';
import { readDecision, readPending, underWay, upgradeFiles, writePending } from './state.js';
import { swapCurrent } from './swap.js';
import { unpackRelease } from './unpack.js';
import type { GuardArgs } from './guard.js';
import { isoTime } from '@berth/log';

export interface UpgradeDeps {
  /** Null when this agent does not run from an installed bundle. */
  layout: InstallLayout | null;
  agentVersion: string;
  server: ServerAddress;
  credential: AgentCredentialFile;
  log: Logger;
  /** systemd's unit when the agent runs under systemd (NOTIFY_SOCKET), else null. */
  systemdUnit: string | null;
  /** The flags this agent was started with (a background restart reuses them). */
  args: string[];
  /** False: the host's owner refuses upgrades from the web (`--no-remote-upgrade`). */
  remoteUpgrade: boolean;
  now?: () => Date;
}

/** Pure: `0::/system.slice/berth-agent.service` (or v1's name=systemd line) → the unit. */
export function unitFromCgroup(text: string): string | null {
  for (const line of text.split('\n')) {
    const [, controllers, path] = line.split(':');
    if (controllers !== '' && controllers !== 'name=systemd') continue;
    const m = /\/([A-Za-z0-9@._-]+\.service)$/.exec(path ?? '');
    if (m) return m[1]!;
  }
  return null;
}

export async function detectSystemdUnit(
  env: NodeJS.ProcessEnv = process.env,
): Promise<string | null> {
  if (!env.NOTIFY_SOCKET) return null;
  return (
    unitFromCgroup(await readFile('/proc/self/cgroup', 'utf8').catch(() => '')) ??
    'berth-agent.service'
  );
}

/**
 * `agent.upgrade`: downloads the bundle from the enrolled web, refuses it unless its sha256 is
 * the one the web named, unpacks it beside the installed releases, records the pending upgrade,
 * starts the guard (from this release), and swaps `current` atomically. The caller then exits:
 * systemd (or the guard) starts the new release. Until the swap nothing the running agent uses
 * is touched, and every failure removes what it had made.
 */
export async function startUpgrade(
  d: UpgradeDeps,
  req: AgentUpgradeRequest,
): Promise<AgentUpgradeAccepted> {
  if (!d.remoteUpgrade)
    throw new AgentError(
      'PERMISSION_DENIED',
      "this host's owner refuses agent upgrades from the web (--no-remote-upgrade)",
    );
  const l = d.layout;
  if (!l)
    throw new AgentError(
      'FAILED_PRECONDITION',
      'this agent does not run from an installed bundle (install.sh): upgrade it where it was built',
    );
  const now = d.now ?? (() => new Date());
  const prior = await readPending(l);
  if (underWay(prior, prior ? await readDecision(l, prior.id) : null, now()))
    throw new AgentError('FAILED_PRECONDITION', 'an upgrade of this agent is already under way');
  if (req.version === d.agentVersion)
    throw new AgentError('FAILED_PRECONDITION', `this agent already runs ${req.version}`);
  const p = paths(l);
  const tarball = join(p.releases, `.download-${process.pid}-${Date.now()}.tar.gz`);
  let unpacked: string | null = null;
  try {
    const got = await fetchBundle({
      server: d.server,
      fingerprint: d.credential.fingerprint,
      path: req.path,
      dest: tarball,
    });
    if (got.sha256 !== req.sha256)
      throw new AgentError(
        'PERMISSION_DENIED',
        `the bundle's sha256 is ${got.sha256}, the web said ${req.sha256}: refused, nothing installed`,
      );
    d.log.info(`upgrade: ${req.path} verified (sha256 ${got.sha256}, ${got.bytes} bytes)`);
    unpacked = await unpackRelease({
      tarball,
      releases: p.releases,
      version: req.version,
      arch: bundleArch(process.arch),
      current: l.release,
    });
    const deadlineSec = req.deadlineSec ?? UPGRADE_DEADLINE_SEC.default;
    const id = randomBytes(8).toString('hex');
    await writePending(l, {
      id,
      fromRelease: l.release,
      toRelease: unpacked,
      fromVersion: d.agentVersion,
      toVersion: req.version,
      deadline: isoTime(now().getTime() + deadlineSec * 1000),
      mode: d.systemdUnit ? 'systemd' : 'background',
      startedAt: isoTime(now().getTime()),
    });
    await startGuard(l, {
      prefix: l.prefix,
      id,
      pid: process.pid,
      args: d.args,
      unit: d.systemdUnit,
    });
    await swapCurrent(l, unpacked);
    d.log.info(`upgrade: current → ${unpacked}; restarting into it (deadline ${deadlineSec} s)`);
    return { fromVersion: d.agentVersion, toVersion: req.version };
  } catch (err) {
    if (unpacked) await rm(releaseDir(l, unpacked), { recursive: true, force: true });
    await rm(upgradeFiles(l).pending, { force: true });
    throw err;
  } finally {
    await rm(tarball, { force: true });
  }
}

/** The guard runs from this (the previous) release, detached: it outlives this process. */
async function startGuard(l: InstallLayout, args: GuardArgs): Promise<void> {
  const dir = releaseDir(l, l.release);
  const f = upgradeFiles(l);
  await mkdir(f.dir, { recursive: true, mode: 0o700 });
  const out = openSync(f.guardLog, 'a', 0o600);
  try {
    const child = spawn(
      join(dir, 'bin', 'node'),
      [join(dir, 'lib', 'berth-upgrade-guard.mjs'), JSON.stringify(args)],
      { detached: true, stdio: ['ignore', out, out] },
    );
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', (e) =>
        reject(new AgentError('INTERNAL', `cannot start the upgrade guard: ${e.message}`)),
      );
    });
    child.unref();
  } finally {
    closeSync(out);
  }
}
