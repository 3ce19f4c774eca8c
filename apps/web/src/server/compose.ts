import type { Namespace } from 'socket.io';
import type { Env } from '../env.js';
import type { Db } from './db/client.js';
import type { ServerContext } from './context.js';
import type { Logger } from './log.js';
import { createUsersRepo } from './db/users.js';
import { createSessionsRepo } from './db/sessions.js';
import { createHostsRepo } from './db/hosts.js';
import { createAuditRepo } from './db/audit.js';
import { createLoginThrottle } from './auth/login-throttle.js';
import { createRateLimiter } from './auth/rate-limit.js';
import { createAuthService } from './services/auth.js';
import { createUsersService } from './services/users.js';
import type { SessionEndsPort } from './services/session-ends.js';
import { createHostsService } from './services/hosts.js';
import { createAuditService } from './services/audit.js';
import { createAgentHub } from './hub/agent-hub.js';
import { createUiHub } from './hub/ui-hub.js';
import { composeContainers } from './inventory/compose-containers.js';
import { composeTerminals } from './terminals/compose-terminals.js';
import { composeStats } from './stats/compose-stats.js';
import { composeImages } from './images/compose-images.js';
import { readBundle } from './downloads/bundle-dir.js';
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
}): ServerContext {
  const { env, db, log } = args;
  const scheme = env.tls ? 'https' : 'http';
  const repos = {
    users: createUsersRepo(db),
    sessions: createSessionsRepo(db),
    hosts: createHostsRepo(db),
    audit: createAuditRepo(db),
  };
  // The hub cuts sockets when the services end sessions; the services are built first.
  const sessionEnds: SessionEndsPort = { end: (target, reason) => uiHub.end(target, reason) };
  const auth = createAuthService({
    ...repos,
    throttle: createLoginThrottle(),
    sessionTtlMs: env.sessionTtlMs,
    sessionEnds,
  });
  const uiHub = createUiHub({
    namespace: args.uiNamespace,
    auth,
    scheme,
    allowedOrigins: env.allowedOrigins,
    log,
  });
  const agentHub = createAgentHub({
    namespace: args.agentNamespace,
    webVersion: WEB_VERSION,
    hosts: repos.hosts,
    onHostChanged: (h) => uiHub.hostChanged(h),
    log,
  });
  const hosts = createHostsService({
    hosts: repos.hosts,
    audit: repos.audit,
    events: {
      hostChanged: (h) => uiHub.hostChanged(h),
      cutHost: (id, r) => agentHub.cutHost(id, r),
    },
    publicUrl: env.publicUrl,
    tlsFingerprint: args.tlsFingerprint,
    tlsPublicKeyPin: args.tlsPublicKeyPin ?? null,
    agentBundle: () => readBundle(env.bundleDir),
    joinTokenTtlMs: env.joinTokenTtlMs,
    enrollThrottle: createRateLimiter(enrollThrottleOptions),
  });
  const users = createUsersService({ ...repos, sessionEnds });
  const containerFeature = composeContainers({ db, agentHub, uiHub, audit: repos.audit, log });
  const streams = {
    ...composeTerminals({ agentHub, uiHub, audit: repos.audit, log }),
    ...composeStats({ db, agentHub, uiHub, log }),
    ...composeImages({ db, agentHub, uiHub, audit: repos.audit, log }),
    ...composeNetworks({ db, agentHub, uiHub, audit: repos.audit }),
    ...composeUpgrades({ env, hosts: repos.hosts, audit: repos.audit, agentHub, uiHub, log }),
  };
  return {
    env,
    scheme,
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
  };
}
