import type { Namespace } from 'socket.io';
import type { Env } from '../env.js';
import type { Db } from './database/client.js';
import type { ServerContext } from './context.js';
import type { Logger } from '@berth/log';
import { createUsersRepo } from './users/users-repo.js';
import { createSessionsRepo } from './auth/sessions-repo.js';
import { createHostsRepo } from './hosts/hosts-repo.js';
import { createAuditRepo } from './audit/audit-repo.js';
import { createLoginThrottle } from './auth/login-throttle.js';
import { dbRateLimiter } from './auth/shared-rate-limit.js';
import { createThrottleCountersRepo } from './auth/throttle-counters-repo.js';
import { createAuthService } from './auth/auth-service.js';
import { createUsersService } from './users/users-service.js';
import type { SessionEndsPort } from './auth/session-ends.js';
import { createHostsService } from './hosts/hosts-service.js';
import { createAuditService } from './audit/audit-service.js';
import { createAgentHub } from './hub/agent-hub.js';
import { createUiHub } from './hub/ui-hub.js';
import { composeContainers } from './containers/compose-containers.js';
import { composeTerminals } from './terminals/compose-terminals.js';
import { composeStats } from './stats/compose-stats.js';
import { composeImages } from './images/compose-images.js';
import { webSecretKey } from './secrets/web-key.js';
import { readBundle } from './downloads/bundle-dir.js';
import { createRequestScopes } from './tokens/request-scope.js';
import { createTokensRepo } from './tokens/tokens-repo.js';
import { bearerThrottleOptions, createTokensService } from './tokens/tokens-service.js';
import { createLiveFleet } from './fleet/live-fleet.js';
import { createFleetFeed } from './fleet/fleet-feed.js';
import { createMetricsService } from './metrics/metrics-service.js';
import { composeAlerts } from './alerts/compose-alerts.js';
import type { ClusterBus } from './cluster/bus.js';
import type { LeaseKeeper } from './cluster/leases.js';
import { registerFleetJobs } from './cluster/fleet-jobs.js';
import { composeUpgrades } from './upgrades/compose-upgrades.js';
import { WEB_VERSION } from './version.js';

/** Failed enrollments per address: nine free, then 30 s doubling up to 15 min. */
const enrollThrottleOptions = {
  freeFailures: 9,
  baseDelayMs: 30_000,
  maxDelayMs: 15 * 60_000,
  forgetAfterMs: 60 * 60_000,
};
import { composeNetworks } from './networks/compose-networks.js';
import { composeStacks } from './stacks/compose-stacks.js';
import { composeVolumes } from './volumes/compose-volumes.js';

/** Wires repositories, services and hubs together (no I/O beyond what they do lazily). */
export function composeServer(args: {
  env: Env;
  db: Db;
  agentNamespace: Namespace;
  uiNamespace: Namespace;
  tlsFingerprint: string | null;
  /** curl --pinnedpubkey form of the TLS key, for install lines; null on http. */
  tlsPublicKeyPin?: string | null;
  log: Logger;
  /** The other web replicas (default: none). */
  bus?: ClusterBus;
  /** Jobs that run once per fleet. */
  leases: LeaseKeeper;
}): ServerContext {
  const { env, db, log, bus } = args;
  const scheme = env.tls ? 'https' : 'http';
  const requestScopes = createRequestScopes();
  const repos = {
    users: createUsersRepo(db),
    sessions: createSessionsRepo(db),
    hosts: createHostsRepo(db),
    audit: createAuditRepo(db, {
      annotate: () => {
        const token = requestScopes.current()?.token;
        return token ? { via: { token } } : undefined;
      },
    }),
  };
  const throttleCounters = createThrottleCountersRepo(db);
  // The hub cuts sockets when the services end sessions; the services are built first.
  const sessionEnds: SessionEndsPort = { end: (target, reason) => uiHub.end(target, reason) };
  const auth = createAuthService({
    ...repos,
    throttle: createLoginThrottle({ limiter: dbRateLimiter(throttleCounters, 'login') }),
    sessionTtlMs: env.sessionTtlMs,
    sessionEnds,
  });
  const uiHub = createUiHub({
    namespace: args.uiNamespace,
    auth,
    scheme,
    allowedOrigins: env.allowedOrigins,
    log,
    bus,
  });
  const agentHub = createAgentHub({
    namespace: args.agentNamespace,
    webVersion: WEB_VERSION,
    hosts: repos.hosts,
    onHostChanged: (h) => uiHub.hostChanged(h),
    log,
    bus,
  });
  const hosts = createHostsService({
    hosts: repos.hosts,
    audit: repos.audit,
    events: {
      hostChanged: (h) => uiHub.hostChanged(h),
      cutHost: (id, r) => agentHub.cutHost(id, r),
      hostRemoved: (id) => uiHub.hostRemoved(id),
    },
    publicUrl: env.publicUrl,
    tlsFingerprint: args.tlsFingerprint,
    tlsPublicKeyPin: args.tlsPublicKeyPin ?? null,
    agentBundle: () => readBundle(env.bundleDir),
    joinTokenTtlMs: env.joinTokenTtlMs,
    enrollThrottle: dbRateLimiter(throttleCounters, 'enroll')(enrollThrottleOptions),
  });
  const users = createUsersService({ ...repos, sessionEnds });
  // What every agent says that metrics and alerts need, on every replica.
  const feed = createFleetFeed({ agentHub, bus, log });
  const containerFeature = composeContainers({ db, agentHub, uiHub, audit: repos.audit, log });
  const images = composeImages({
    db,
    agentHub,
    uiHub,
    audit: repos.audit,
    log,
    secretKey: webSecretKey(env.secretKey),
  });
  const streams = {
    ...images,
    ...composeTerminals({ agentHub, uiHub, audit: repos.audit, log }),
    ...composeStats({ db, agentHub, uiHub, log, bus, leases: args.leases }),

    ...composeNetworks({ db, agentHub, uiHub, audit: repos.audit }),
    ...composeAlerts({
      db,
      agentHub,
      feed,
      leases: args.leases,
      bus,
      hosts: repos.hosts,
      audit: repos.audit,
      log,
      publicUrl: env.publicUrl,
      smtp: env.smtp,
    }),
    ...composeStacks({
      db,
      agentHub,
      uiHub,
      audit: repos.audit,
      log,
      credentials: images.registryCredentials,
    }),
    ...composeVolumes({ db, agentHub, audit: repos.audit }),
    ...composeUpgrades({ env, hosts: repos.hosts, audit: repos.audit, agentHub, uiHub, log }),
  };
  const fleet = createLiveFleet({ agentHub, feed });
  registerFleetJobs({
    leases: args.leases,
    db,
    throttleForgetAfterMs: enrollThrottleOptions.forgetAfterMs,
    clustered: bus?.clustered ?? false,
    isConnected: (hostId) => agentHub.isConnected(hostId),
    onHostChanged: (h) => uiHub.hostChanged(h),
    log,
  });
  return {
    env,
    scheme,
    leases: args.leases,
    tlsFingerprint: args.tlsFingerprint,
    auth,
    users,
    hosts,
    audit: createAuditService(repos),
    agentHub,
    uiHub,
    log,
    webVersion: WEB_VERSION,
    ...containerFeature,
    ...streams,
    tokens: createTokensService({
      tokens: createTokensRepo(db),
      hosts: repos.hosts,
      audit: repos.audit,
      throttle: dbRateLimiter(throttleCounters, 'bearer')(bearerThrottleOptions),
    }),
    requestScopes,
    metrics: createMetricsService({ hosts, fleet }),
  };
}
