import { execFile } from 'node:child_process';
import { access, mkdtemp, readdir, readFile, rename, rm } from 'node:fs/promises';
import { constants } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { AgentError, errorMessage } from '../errors.js';
import { parseReleaseName } from './layout.js';

const run = promisify(execFile);

/** Pure: the single top directory a bundle must have, for this version and architecture. */
export function expectedRelease(version: string, arch: string): string {
  return `berth-agent-${version}-linux-${arch}`;
}

/**
 * Unpacks a verified bundle beside the installed releases (`<releases>/.incoming-*`), checks it
 * is the release asked for (one top directory `berth-agent-<version>-linux-<arch>`, `VERSION`
 * saying so, an executable `bin/node` and `bin/berth-agent`, the upgrade guard), then moves it to
 * `<releases>/<name>`. Nothing is left behind on failure.
 */
export async function unpackRelease(o: {
  tarball: string;
  releases: string;
  version: string;
  arch: string;
  /** The release running now: never overwritten. */
  current: string;
}): Promise<string> {
  const name = expectedRelease(o.version, o.arch);
  if (name === o.current)
    throw new AgentError('FAILED_PRECONDITION', `${name} is the release running now`);
  const stage = await mkdtemp(join(o.releases, '.incoming-'));
  try {
    try {
      // owners from the archive are root's; no absolute or `..` member names (GNU tar's default)
      await run('tar', [
        '-xzf',
        o.tarball,
        '-C',
        stage,
        '--no-same-permissions',
        '--no-overwrite-dir',
      ]);
    } catch (err) {
      throw new AgentError('INVALID_ARGUMENT', `the bundle does not unpack: ${errorMessage(err)}`);
    }
    const top = await readdir(stage);
    if (top.length !== 1 || top[0] !== name || !parseReleaseName(top[0]))
      throw new AgentError(
        'INVALID_ARGUMENT',
        `the bundle holds ${top.map((t) => JSON.stringify(t)).join(', ') || 'nothing'}, not ${name}`,
      );
    const dir = join(stage, name);
    const version = (await readFile(join(dir, 'VERSION'), 'utf8').catch(() => ''))
      .split('\n')[0]
      ?.trim();
    if (version !== o.version)
      throw new AgentError(
        'INVALID_ARGUMENT',
        `the bundle's VERSION says ${version || 'nothing'}, not ${o.version}`,
      );
    for (const f of [
      'bin/node',
      'bin/berth-agent',
      'lib/berth-agent.mjs',
      'lib/berth-upgrade-guard.mjs',
    ]) {
      const mode = f.startsWith('bin/') ? constants.X_OK : constants.R_OK;
      await access(join(dir, f), mode).catch(() => {
        throw new AgentError('INVALID_ARGUMENT', `the bundle has no ${f}`);
      });
    }
    const dest = join(o.releases, name);
    await rm(dest, { recursive: true, force: true });
    await rename(dir, dest);
    return name;
  } finally {
    await rm(stage, { recursive: true, force: true });
  }
}
