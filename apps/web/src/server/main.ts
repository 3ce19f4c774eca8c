/**
 * The web's composition root: `node dist/server/main.js` (npm start -w @berth/web).
 *
 * Validates the environment, applies database migrations, creates the first admin, then serves
 * Next.js and socket.io (/ui for browsers, /agent for agents) on one http(s) server. Services are
 * published to Next's route handlers through the globalThis registry in ./context.ts.
 */
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Server as SocketServer } from 'socket.io';
import { AGENT_NAMESPACE, UI_NAMESPACE } from '@berth/protocol';
import { applyMigrations, openDatabase } from '@berth/db';
import { parseEnv, EnvError, type Env } from '../env.js';
import { setServerContext } from './context.js';
import { composeServer } from './compose.js';
import { ensureFirstAdmin } from './users/bootstrap-admin.js';
import { createUsersRepo } from './users/users-repo.js';
import { createAuditRepo } from './audit/audit-repo.js';
import { createHostsRepo } from './hosts/hosts-repo.js';
import { loadTls, type TlsMaterial } from './tls.js';
import { CLIENT_IP_HEADER } from './http/route.js';
import { createLogger } from '@berth/log';
import { serveDownload } from './downloads/serve.js';
import { secureSqliteFiles, sqliteFileOf } from './database/sqlite-files.js';
import { setSecurityHeaders } from './http/security-headers.js';
import { attachAdapter } from './cluster/adapter.js';
import { adapterBus, localBus } from './cluster/bus.js';
import { createLeaseKeeper } from './cluster/leases.js';
import { createLeasesRepo } from './cluster/leases-repo.js';
import { replicaIdentity } from './cluster/replica-id.js';

type CreateNext = (opts: { dev: boolean; dir: string; hostname: string; port: number }) => {
  prepare(): Promise<void>;
  getRequestHandler(): (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  close(): Promise<void>;
};

const webDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const repoRoot = resolve(webDir, '..', '..');
const log = createLogger({ name: 'web', write: (line) => void process.stdout.write(line) });

function readEnv(): Env {
  try {
    return parseEnv(process.env, repoRoot);
  } catch (err) {
    if (err instanceof EnvError) {
      console.error(`berth web: ${err.message}`);
      process.exit(2);
    }
    throw err;
  }
}

async function main() {
  const env = readEnv();
  (process.env as Record<string, string | undefined>).NODE_ENV ??= env.nodeEnv;
  const sqliteFile = sqliteFileOf(env.databaseUrl);
  if (sqliteFile) secureSqliteFiles(sqliteFile, log);
  const tls: TlsMaterial | null = env.tls ? loadTls(env.tls) : null;

  const applied = await applyMigrations(env.databaseUrl);
  if (applied.length > 0) log.info(`applied migrations: ${applied.join(', ')}`);
  const database = await openDatabase(env.databaseUrl);
  if (sqliteFile) secureSqliteFiles(sqliteFile, log);
  const db = database.prisma;

  const admin = await ensureFirstAdmin(
    { users: createUsersRepo(db), audit: createAuditRepo(db) },
    env.adminPassword,
  );
  if (admin.created && admin.generatedPassword) {
    // Printed exactly once, on the first start; only its hash is stored.
    console.log(`Admin password: ${admin.generatedPassword}`);
  }
  const clustered = env.cluster.adapter !== 'none';
  // One process: nothing can be connected yet. Replicated: other replicas hold agents; hosts
  // left online by a replica that died are swept by the `hosts.stale` fleet job instead.
  if (!clustered) await createHostsRepo(db).markAllOffline();

  // next is CommonJS: at runtime the ESM default export is the factory itself (its typings
  // differ between NodeNext and Bundler resolution, hence the structural type).
  const next = ((await import('next')) as unknown as { default: CreateNext }).default;
  const nextApp = next({
    dev: env.nodeEnv === 'development',
    dir: webDir,
    hostname: env.host,
    port: env.port,
  });
  await nextApp.prepare();
  const handle = nextApp.getRequestHandler();

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    // The client address route handlers see comes from the socket, never from the client.
    req.headers[CLIENT_IP_HEADER] = req.socket.remoteAddress ?? '';
    setSecurityHeaders(res, tls !== null);
    if (serveDownload(req, res, { dir: env.bundleDir, publicUrl: env.publicUrl })) return;
    handle(req, res).catch((err: unknown) => {
      log.error(`next: ${String(err)}`);
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    });
  };
  const server = tls
    ? createHttpsServer({ cert: tls.cert, key: tls.key }, onRequest)
    : createHttpServer(onRequest);

  // perMessageDeflate stays off (explicitly): terminal frames are binary attachments sent as
  // raw WebSocket binary messages, and deflating them costs CPU on every frame for little gain.
  const io = new SocketServer(server, {
    serveClient: false,
    maxHttpBufferSize: 1_000_000,
    perMessageDeflate: false,
  });
  io.of('/').use((_socket, nextFn) => nextFn(new Error('NOT_FOUND: use /ui or /agent')));
  const adapter = await attachAdapter(io, env.cluster, env.databaseUrl, log);
  const replica = replicaIdentity(env.replicaName);
  const agentNamespace = io.of(AGENT_NAMESPACE);
  const bus = clustered ? adapterBus(agentNamespace, replica.id, log) : localBus(replica.id);
  if (clustered) log.info(`replica ${replica.name} (${replica.id}) on the ${adapter.kind} adapter`);
  const leases = createLeaseKeeper({
    repo: createLeasesRepo(db),
    holder: `${replica.name}/${replica.id}`,
    log,
  });
  const ctx = composeServer({
    env,
    db,
    agentNamespace,
    uiNamespace: io.of(UI_NAMESPACE),
    tlsFingerprint: tls?.fingerprint ?? null,
    tlsPublicKeyPin: tls?.publicKeyPin ?? null,
    log,
    bus,
    leases,
  });
  setServerContext(ctx);

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(env.port, env.host, () => ok());
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : env.port;
  const host = env.host.includes(':') ? `[${env.host}]` : env.host;
  log.info(
    `Berth web listening on ${tls ? 'https' : 'http'}://${host}:${port} (public URL ${env.publicUrl})`,
  );
  if (tls) log.info(`TLS certificate sha256 fingerprint: ${tls.fingerprint}`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: shutting down`);
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    const statsStopped = ctx.stopStats().catch(() => undefined);
    ctx.stopAlerts();
    ctx.agentHub.close();
    io.close(() => {
      void nextApp
        .close()
        .catch(() => undefined)
        .then(() => statsStopped)
        .then(() => leases.close())
        .then(() => adapter.close())
        .then(() => database.close())
        .then(
          () => process.exit(0),
          () => process.exit(1),
        );
    });
    server.closeAllConnections?.();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(
    `berth web: failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
  );
  process.exit(1);
});
