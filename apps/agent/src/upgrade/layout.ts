import { realpath, readlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Where a bundled agent is installed (install.sh's layout):
 * `<prefix>/releases/<release>/{bin,lib,share,VERSION}`, `<prefix>/current` → `releases/<release>`,
 * `<prefix>/bin/berth-agent` → `../current/bin/berth-agent`, and `<prefix>/upgrade/` for the
 * state of an upgrade under way.
 */
export interface InstallLayout {
  prefix: string;
  /** The release this process runs (`berth-agent-<version>-linux-<arch>`). */
  release: string;
}

const RELEASE_NAME = /^berth-agent-([0-9A-Za-z][0-9A-Za-z.+-]*)-linux-([a-z0-9]+)$/;

/** Pure: `berth-agent-0.2.0-linux-amd64` → its version and arch, or null. */
export function parseReleaseName(name: string): { version: string; arch: string } | null {
  const m = RELEASE_NAME.exec(name);
  return m ? { version: m[1]!, arch: m[2]! } : null;
}

/** Pure: the layout from the real path of the running entry (`…/releases/<r>/lib/<entry>.mjs`). */
export function layoutFromEntry(entry: string): InstallLayout | null {
  const lib = dirname(entry);
  const releaseDir = dirname(lib);
  const releases = dirname(releaseDir);
  if (basename(lib) !== 'lib' || basename(releases) !== 'releases') return null;
  const release = basename(releaseDir);
  if (!parseReleaseName(release)) return null;
  return { prefix: dirname(releases), release };
}

export const paths = (l: Pick<InstallLayout, 'prefix'>) => ({
  releases: join(l.prefix, 'releases'),
  current: join(l.prefix, 'current'),
  agent: join(l.prefix, 'bin', 'berth-agent'),
  upgradeDir: join(l.prefix, 'upgrade'),
  agentLog: join(l.prefix, 'agent.log'),
  agentPid: join(l.prefix, 'agent.pid'),
});

export const releaseDir = (l: Pick<InstallLayout, 'prefix'>, release: string) =>
  join(l.prefix, 'releases', release);

/**
 * This process's install, or null when it does not run from a bundle installed by install.sh
 * (a development checkout: upgrade it with git and a build).
 */
export async function detectInstall(entry = process.argv[1]): Promise<InstallLayout | null> {
  if (!entry) return null;
  const real = await realpath(entry).catch(() => null);
  const layout = real ? layoutFromEntry(real) : null;
  if (!layout) return null;
  const current = await readlink(paths(layout).current).catch(() => null);
  return current === null ? null : layout;
}

/** The release `<prefix>/current` points at now. */
export async function currentRelease(l: Pick<InstallLayout, 'prefix'>): Promise<string | null> {
  const target = await readlink(paths(l).current).catch(() => null);
  return target === null ? null : basename(target);
}
