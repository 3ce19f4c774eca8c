import type { Namespace } from 'socket.io';
import type { Env } from '../env.js';
import type { Db } from './db/client.js';
import type { ServerContext } from './context.js';
import type { Logger } from './log.js';
import { createUsersRepo } from './db/users.js';
import { createSessionsRepo } from './db/sessions.js';
import { createHostsRepo } from './db/hosts.js';
import { createAuditRepo } from './db/audit.js';
import { createRateLimiter } from './auth/rate-limit.js';
import { createAuthService } from './services/auth.js';
import { createUsersService } from './services/users.js';
import { createHostsService } from './services/hosts.js';
import { createAuditService } from './services/audit.js';
import { createAgentHub } from './hub/agent-hub.js';
import { createUiHub } from './hub/ui-hub.js';
import { composeContainers } from './inventory/compose-containers.js';
import { composeTerminals } from './terminals/compose-terminals.js';
import { composeStats } from './stats/compose-stats.js';
import { composeImages } from './images/compose-images.js';
import { readBundle } from './downloads/bundle-dir.js';

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
  const limiter = createRateLimiter({ maxFailures: 5, windowMs: 15 * 60_000 });
  const auth = createAuthService({ ...repos, limiter, sessionTtlMs: env.sessionTtlMs });
  const uiHub = createUiHub({
    namespace: args.uiNamespace,
    auth,
    scheme,
    allowedOrigins: env.allowedOrigins,
    log,
  });
  const agentHub = createAgentHub({
    namespace: args.agentNamespace,
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
  });
  const users = createUsersService({ ...repos, onUserCut: (id) => uiHub.disconnectUser(id) });
  const containerFeature = composeContainers({ db, agentHub, uiHub, audit: repos.audit, log });
  const streams = {
    ...composeTerminals({ agentHub, uiHub, audit: repos.audit, log }),
    ...composeStats({ db, agentHub, uiHub, log }),
    ...composeImages({ db, agentHub, uiHub, audit: repos.audit, log }),
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
    ...containerFeature,
    ...streams,
  };
}
