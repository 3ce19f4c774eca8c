import { invalid } from './errors.js';

const VALID = /^[a-z0-9][a-z0-9_-]*$/;

/**
 * Pure: Compose v2's project name. First of: `-p NAME`, `COMPOSE_PROJECT_NAME`, the file's
 * top-level `name:` — each must already be valid (lowercase letters, digits, `_`, `-`, starting
 * with a letter or digit) — else the project directory's base name, normalized (lowercased,
 * other characters dropped, leading `_`/`-` trimmed).
 */
export function projectName(o: {
  flag?: string | undefined;
  env?: string | undefined;
  fileName?: string | undefined;
  workingDir: string;
}): string {
  for (const [given, from] of [
    [o.flag, '-p'],
    [o.env, 'COMPOSE_PROJECT_NAME'],
    [o.fileName, 'the top-level name'],
  ] as const) {
    if (given === undefined || given === '') continue;
    if (!VALID.test(given))
      throw invalid(
        `invalid project name "${given}" (from ${from}): use lowercase letters, digits, "_" and "-", starting with a letter or digit`,
      );
    return given;
  }
  const base = o.workingDir.replace(/\/+$/, '').split('/').pop() ?? '';
  const normalized = normalizeProjectName(base);
  if (!normalized)
    throw invalid(`cannot derive a project name from "${o.workingDir}": give one with -p`);
  return normalized;
}

/** Pure: Compose's normalization of a directory name into a project name. */
export function normalizeProjectName(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '')
    .replace(/^[_-]+/, '');
}
