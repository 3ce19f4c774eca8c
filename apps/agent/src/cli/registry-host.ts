import { AgentError } from '../errors.js';

const HUB_ALIASES = new Set(['index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com']);

/**
 * `docker login` style server argument → the `host[:port]` credentials are stored under:
 * scheme and path are dropped, Docker Hub aliases become `docker.io`.
 */
export function normalizeRegistryHost(server: string): string {
  const raw = server.trim();
  const m = /^(?:https?:\/\/)?([^/]+)(?:\/.*)?$/i.exec(raw);
  const host = m?.[1]?.toLowerCase();
  if (!host || !/^[a-z0-9.-]+(:[0-9]{1,5})?$|^\[[0-9a-f:]+\](:[0-9]{1,5})?$/.test(host)) {
    throw new AgentError(
      'INVALID_ARGUMENT',
      `invalid registry server "${raw.slice(0, 200)}" (expected host[:port])`,
    );
  }
  return HUB_ALIASES.has(host) ? 'docker.io' : host;
}
