import { PROTOCOL_VERSION } from '@berth/protocol';
import type { SystemInfo } from '@berth/protocol';
import { API_VERSION, AGENT_VERSION } from '../../version.js';
import type { Router } from '../router.js';
import type { VersionResponse } from '../schemas.js';

export interface SystemRouteDeps {
  info: () => Promise<SystemInfo>;
}

export function versionResponse(): VersionResponse {
  return {
    version: AGENT_VERSION,
    apiVersion: API_VERSION,
    protocolVersion: PROTOCOL_VERSION,
    node: process.version,
  };
}

/** `GET /v1/version`, `GET /v1/info`. */
export function registerSystemRoutes(router: Router, deps: SystemRouteDeps): void {
  router.add({ method: 'GET', path: '/v1/version', handler: () => versionResponse() });
  router.add({ method: 'GET', path: '/v1/info', handler: () => deps.info() });
}
