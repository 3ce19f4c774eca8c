import { z } from 'zod';
import { resolve } from 'node:path';
import { decodeSecretKey } from './server/secrets/secret-box.js';

/**
 * The web's configuration, validated once at start-up (t3 style). Pure: takes the raw
 * environment and the repository root, returns a typed config or throws EnvError listing
 * every bad variable at once.
 */
const boolish = z.enum(['development', 'production', 'test']);

const RawEnvSchema = z
  .object({
    DATABASE_URL: z
      .string()
      .regex(/^(file:|postgres(ql)?:\/\/)/, 'must start with file: or postgresql://')
      .optional(),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default('127.0.0.1'),
    BERTH_PUBLIC_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
    BERTH_ADMIN_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
    BERTH_TLS_CERT: z.string().min(1).optional(),
    BERTH_TLS_KEY: z.string().min(1).optional(),
    BERTH_ALLOWED_ORIGINS: z.string().optional(),
    BERTH_BUNDLE_DIR: z.string().min(1).optional(),
    BERTH_SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
      .optional(),
    BERTH_SMTP_FROM: z.string().min(3).max(256).optional(),
    /** How long an upgraded agent has to connect before it rolls back (agent default: 120). */
    BERTH_UPGRADE_DEADLINE_SEC: z.coerce.number().int().min(10).max(1800).optional(),
    SESSION_TTL_HOURS: z.coerce
      .number()
      .positive()
      .max(24 * 365)
      .default(12),
    JOIN_TOKEN_TTL_MINUTES: z.coerce
      .number()
      .positive()
      .max(7 * 24 * 60)
      .default(60),
    NODE_ENV: boolish.default('production'),
    BERTH_CLUSTER: z.enum(['none', 'postgres', 'redis']).optional(),
    BERTH_REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'must be a redis:// URL' }).optional(),
    /** The key sealing secrets kept in the database (registry passwords): 32 bytes, hex or base64. */
    BERTH_SECRET_KEY: z
      .string()
      .refine((v) => decodeSecretKey(v) !== null, 'must be 32 bytes as 64 hex digits or base64')
      .optional(),
    BERTH_SECRET_KEY_FILE: z.string().min(1).optional(),
    BERTH_REPLICA_NAME: z
      .string()
      .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'expected 1-64 [A-Za-z0-9_.-]')
      .optional(),
  })
  .refine((e) => Boolean(e.BERTH_TLS_CERT) === Boolean(e.BERTH_TLS_KEY), {
    message: 'BERTH_TLS_CERT and BERTH_TLS_KEY must be set together',
    path: ['BERTH_TLS_CERT'],
  });

export interface Env {
  databaseUrl: string;
  port: number;
  host: string;
  /** What agents dial and what join commands show; no trailing slash. */
  publicUrl: string;
  adminPassword: string | null;
  tls: { certFile: string; keyFile: string } | null;
  /** Extra browser origins accepted besides the server's own (scheme://host[:port]). */
  allowedOrigins: string[];
  sessionTtlMs: number;
  joinTokenTtlMs: number;
  nodeEnv: 'development' | 'production' | 'test';
  /** Where the agent bundle and install.sh are served from (BERTH_BUNDLE_DIR). */
  bundleDir: string;
  /** Alert e-mail: nodemailer connection URL and sender; null without BERTH_SMTP_URL. */
  smtp: { url: string; from: string } | null;
  /**
   * How replicas share socket.io traffic (BERTH_CLUSTER): `none` (one process, the default on
   * SQLite), `postgres` (the default on PostgreSQL: LISTEN/NOTIFY on the database) or `redis`
   * (BERTH_REDIS_URL). See docs/architecture.md#scale-out.
   */
  cluster: { adapter: 'none' } | { adapter: 'postgres' } | { adapter: 'redis'; redisUrl: string };
  /** This replica's name in logs and leases (BERTH_REPLICA_NAME; default host-pid). */
  replicaName: string | null;
  /** BERTH_UPGRADE_DEADLINE_SEC: null leaves the agent's default (120 s). */
  upgradeDeadlineSec: number | null;
  /**
   * The key sealing secrets at rest: BERTH_SECRET_KEY, else a key file (BERTH_SECRET_KEY_FILE;
   * by default `secret.key` beside the SQLite database, or `<repo>/data/secret.key` on
   * PostgreSQL), created on first use. Replicas must share one key.
   */
  secretKey: { key: Buffer } | { file: string };
}

export class EnvError extends Error {
  override readonly name = 'EnvError';
  constructor(readonly problems: string[]) {
    super(`invalid environment:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

function formatHost(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

export function parseEnv(raw: Record<string, string | undefined>, repoRoot: string): Env {
  // Treat empty strings as unset, like most dotenv tooling does.
  const cleaned = Object.fromEntries(
    Object.entries(raw).filter(([, v]) => v !== undefined && v !== ''),
  );
  const parsed = RawEnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new EnvError(
      parsed.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`),
    );
  }
  const e = parsed.data;
  const scheme = e.BERTH_TLS_CERT ? 'https' : 'http';
  const publicUrl = (e.BERTH_PUBLIC_URL ?? `${scheme}://${formatHost(e.HOST)}:${e.PORT}`).replace(
    /\/+$/,
    '',
  );
  const allowedOrigins = (e.BERTH_ALLOWED_ORIGINS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const badOrigins = allowedOrigins.filter((o) => !/^https?:\/\/[^/\s]+$/.test(o));
  if (badOrigins.length > 0) {
    throw new EnvError([`BERTH_ALLOWED_ORIGINS: not an origin: ${badOrigins.join(', ')}`]);
  }
  const databaseUrl = e.DATABASE_URL ?? `file:${resolve(repoRoot, 'data', 'berth.db')}`;
  return {
    databaseUrl,
    port: e.PORT,
    host: e.HOST,
    publicUrl,
    adminPassword: e.BERTH_ADMIN_PASSWORD ?? null,
    tls:
      e.BERTH_TLS_CERT && e.BERTH_TLS_KEY
        ? { certFile: e.BERTH_TLS_CERT, keyFile: e.BERTH_TLS_KEY }
        : null,
    allowedOrigins: [new URL(publicUrl).origin, ...allowedOrigins],
    sessionTtlMs: e.SESSION_TTL_HOURS * 3_600_000,
    joinTokenTtlMs: e.JOIN_TOKEN_TTL_MINUTES * 60_000,
    nodeEnv: e.NODE_ENV,
    bundleDir: resolve(repoRoot, e.BERTH_BUNDLE_DIR ?? 'apps/agent/dist/bundle'),
    smtp: e.BERTH_SMTP_URL
      ? { url: e.BERTH_SMTP_URL, from: e.BERTH_SMTP_FROM ?? `berth@${new URL(publicUrl).hostname}` }
      : null,
    cluster: clusterOf(e.BERTH_CLUSTER, e.BERTH_REDIS_URL, databaseUrl.startsWith('file:')),
    replicaName: e.BERTH_REPLICA_NAME ?? null,
    upgradeDeadlineSec: e.BERTH_UPGRADE_DEADLINE_SEC ?? null,
    secretKey: e.BERTH_SECRET_KEY
      ? { key: decodeSecretKey(e.BERTH_SECRET_KEY)! }
      : { file: resolve(e.BERTH_SECRET_KEY_FILE ?? defaultKeyFile(databaseUrl, repoRoot)) },
  };
}

/** `secret.key` beside an SQLite database file; `<repo>/data/secret.key` for PostgreSQL. */
function defaultKeyFile(databaseUrl: string, repoRoot: string): string {
  if (!databaseUrl.startsWith('file:')) return resolve(repoRoot, 'data', 'secret.key');
  const db = resolve(databaseUrl.slice('file:'.length).replace(/\?.*$/, ''));
  return resolve(db, '..', 'secret.key');
}

function clusterOf(
  kind: 'none' | 'postgres' | 'redis' | undefined,
  redisUrl: string | undefined,
  sqlite: boolean,
): Env['cluster'] {
  const adapter = kind ?? (sqlite ? 'none' : redisUrl ? 'redis' : 'postgres');
  if (adapter !== 'none' && sqlite) {
    throw new EnvError([
      `BERTH_CLUSTER: ${adapter} needs a shared PostgreSQL DATABASE_URL (SQLite is one process)`,
    ]);
  }
  if (adapter === 'redis') {
    if (!redisUrl) throw new EnvError(['BERTH_REDIS_URL: required with BERTH_CLUSTER=redis']);
    return { adapter, redisUrl };
  }
  return { adapter };
}
