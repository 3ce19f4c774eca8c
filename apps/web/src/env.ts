import { z } from 'zod';
import { resolve } from 'node:path';

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
  /** BERTH_UPGRADE_DEADLINE_SEC: null leaves the agent's default (120 s). */
  upgradeDeadlineSec: number | null;
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
  return {
    databaseUrl: e.DATABASE_URL ?? `file:${resolve(repoRoot, 'data', 'berth.db')}`,
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
    upgradeDeadlineSec: e.BERTH_UPGRADE_DEADLINE_SEC ?? null,
  };
}
