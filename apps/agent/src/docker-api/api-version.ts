import { AgentError } from '../errors.js';

/** The Docker Engine API version served (what Docker 20.10 serves). */
export const DOCKER_API_VERSION = '1.41';
/** The oldest version accepted (Docker 20.10's minimum; docker-compose 1.29 asks for 1.25+). */
export const DOCKER_MIN_API_VERSION = '1.12';

/** Pure: compare dotted versions numerically (`1.9` < `1.12`). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

export interface VersionedPath {
  /** The version the client asked for; the served version when the path had none. */
  version: string;
  /** The path without its `/v1.xx` prefix. */
  path: string;
}

/**
 * Pure: `/v1.41/containers/json` → {version: '1.41', path: '/containers/json'}; an unversioned
 * path is served at the current version. Versions outside [min, max] are refused with Docker's
 * own messages (status 400).
 */
export function splitVersionedPath(pathname: string): VersionedPath {
  const m = /^\/v([0-9][0-9.]*)(\/.*)?$/.exec(pathname);
  if (!m) return { version: DOCKER_API_VERSION, path: pathname };
  const version = m[1]!;
  if (!/^\d+(\.\d+)*$/.test(version))
    throw new AgentError('INVALID_ARGUMENT', `malformed API version ${version.slice(0, 20)}`);
  if (compareVersions(version, DOCKER_MIN_API_VERSION) < 0) {
    throw new AgentError(
      'INVALID_ARGUMENT',
      `client version ${version} is too old. Minimum supported API version is ${DOCKER_MIN_API_VERSION}, please upgrade your client to a newer version`,
    );
  }
  if (compareVersions(version, DOCKER_API_VERSION) > 0) {
    throw new AgentError(
      'INVALID_ARGUMENT',
      `client version ${version} is too new. Maximum supported API version is ${DOCKER_API_VERSION}`,
    );
  }
  return { version, path: m[2] ?? '/' };
}
