import { AgentError } from '../../errors.js';

/** First path segments of the Docker Engine API (v1.41). */
const DOCKER_AREAS = new Set([
  '_ping',
  'version',
  'info',
  'events',
  'system',
  'auth',
  'containers',
  'exec',
  'images',
  'build',
  'commit',
  'networks',
  'volumes',
  'swarm',
  'nodes',
  'services',
  'tasks',
  'secrets',
  'configs',
  'plugins',
  'session',
  'distribution',
  'grpc',
]);

/**
 * Pure: the error for a request no route takes. A Docker endpoint Berth does not serve is 501
 * naming it; a path that is no Docker endpoint at all is Docker's own 404 "page not found".
 */
export function unmatchedRouteError(method: string, path: string): AgentError {
  const area = path.split('/')[1] ?? '';
  if (DOCKER_AREAS.has(area)) {
    return new AgentError(
      'UNIMPLEMENTED',
      `${method} ${path.slice(0, 200)} is not implemented by Berth's Docker API`,
    );
  }
  return new AgentError('NOT_FOUND', 'page not found');
}
