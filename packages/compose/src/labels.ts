/** The labels Docker Compose puts on what it creates; `docker compose ps` selects by them. */
export const LABEL = {
  project: 'com.docker.compose.project',
  service: 'com.docker.compose.service',
  containerNumber: 'com.docker.compose.container-number',
  oneoff: 'com.docker.compose.oneoff',
  configHash: 'com.docker.compose.config-hash',
  workingDir: 'com.docker.compose.project.working_dir',
  configFiles: 'com.docker.compose.project.config_files',
  version: 'com.docker.compose.version',
  dependsOn: 'com.docker.compose.depends_on',
  network: 'com.docker.compose.network',
  volume: 'com.docker.compose.volume',
} as const;

/**
 * The Compose version whose behaviour (names, labels, hash inputs) Berth follows, written to
 * `com.docker.compose.version`. Tools compare it as a semver, so it is a plain Compose v2 one.
 */
export const COMPOSE_COMPAT_VERSION = '2.29.0';

/** Pure: the label selector of a project's service containers (not one-off `run` containers). */
export function projectSelector(project: string): Record<string, string> {
  return { [LABEL.project]: project, [LABEL.oneoff]: 'False' };
}
