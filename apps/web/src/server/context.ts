import type { Env } from '../env.js';
import type { AuthService } from './auth/auth-service.js';
import type { UsersService } from './users/users-service.js';
import type { HostsService } from './hosts/hosts-service.js';
import type { AuditService } from './audit/audit-service.js';
import type { AgentHub } from './hub/agent-hub.js';
import type { UiHub } from './hub/ui-hub.js';
import type { Logger } from '@berth/log';
import type { ContainersService } from './containers/containers-service.js';
import type { EventsService } from './events/events-service.js';
import type { StatsService } from './stats/stats-service.js';
import type { ImagesService } from './images/images-service.js';
import type { RegistryGrantsService } from './registry-grants/grants-service.js';
import type { RegistryCredentialsService } from './registry-credentials/credentials-service.js';
import type { NetworksService } from './networks/networks-service.js';
import type { TokensService } from './tokens/tokens-service.js';
import type { RequestScopes } from './tokens/request-scope.js';
import type { MetricsService } from './metrics/metrics-service.js';
import type { AlertsService } from './alerts/alerts-service.js';
import type { StacksService } from './stacks/stacks-service.js';
import type { VolumesService } from './volumes/volumes-service.js';
import type { LeaseKeeper } from './cluster/leases.js';
import type { UpgradesService } from './upgrades/service.js';

/**
 * The globalThis registry.
 *
 * Next bundles route handlers and server components separately from the custom server
 * (dist/server/main.js), so module-level singletons are NOT shared between them: a route
 * handler that imported the Prisma client or the hub module would get its own copy. Instead the
 * composition root builds everything once and publishes it here under a Symbol.for key (global
 * across bundles); Next-side code reads it with getServerContext(). Only types cross from the
 * server graph into bundles — never the Prisma client, argon2 or socket.io themselves.
 */
export interface ServerContext {
  env: Env;
  scheme: 'http' | 'https';
  tlsFingerprint: string | null;
  auth: AuthService;
  users: UsersService;
  hosts: HostsService;
  audit: AuditService;
  agentHub: AgentHub;
  uiHub: UiHub;
  log: Logger;
  containers: ContainersService;
  events: EventsService;
  stats: StatsService;
  images: ImagesService;
  registryGrants: RegistryGrantsService;
  registryCredentials: RegistryCredentialsService;
  networks: NetworksService;
  stacks: StacksService;
  volumes: VolumesService;
  upgrades: UpgradesService;
  /** This web's release (apps/web/package.json). */
  webVersion: string;
  terminals: { openSessions(): number };
  tokens: TokensService;
  /** Per-request context (the API token in use) that the audit log reads. */
  requestScopes: RequestScopes;
  metrics: MetricsService;
  alerts: AlertsService;
  stopAlerts(): void;
  /** Jobs that must run once per fleet of web replicas (`leases.runOncePerFleet`). */
  leases: LeaseKeeper;
  /** Stops the live relay and writes the pending rollups. */
  stopStats(): Promise<void>;
}

const KEY = Symbol.for('berth.web.context');

type WithContext = typeof globalThis & { [KEY]?: ServerContext };

export function setServerContext(ctx: ServerContext | null): void {
  if (ctx) (globalThis as WithContext)[KEY] = ctx;
  else delete (globalThis as WithContext)[KEY];
}

export function getServerContext(): ServerContext {
  const ctx = (globalThis as WithContext)[KEY];
  if (!ctx) {
    throw new Error(
      'Berth server context missing: run the web through its custom server (npm start -w @berth/web), not `next start`',
    );
  }
  return ctx;
}
