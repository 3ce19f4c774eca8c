/**
 * Opens Berth's database: the generated client for the URL's provider over its driver adapter.
 *
 * One client TYPE for both providers: `BerthPrismaClient` is the SQLite client's type. The two
 * clients come from the same models, and the SQLite API is a subset of the PostgreSQL one (the
 * latter adds e.g. `mode: 'insensitive'` filters, which Berth must not use). So code written
 * against this type runs unchanged on both; the PostgreSQL client is handed out under it.
 */
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient as SqliteClient } from '../generated/sqlite/client.js';
import { PrismaClient as PostgresClient } from '../generated/postgresql/client/client.js';
import { DbError } from './errors.js';
import { parseDatabaseUrl, redactUrl } from './url.js';
import type { DbProvider } from './url.js';

export type BerthPrismaClient = SqliteClient;

export interface Database {
  prisma: BerthPrismaClient;
  provider: DbProvider;
  /** Disconnects the client (and closes its pool / file handle). */
  close(): Promise<void>;
}

function createClient(url: string): { prisma: BerthPrismaClient; provider: DbProvider } {
  const target = parseDatabaseUrl(url);
  if (target.provider === 'sqlite') {
    return {
      provider: 'sqlite',
      prisma: new SqliteClient({ adapter: new PrismaBetterSqlite3({ url: target.url }) }),
    };
  }
  const pg = new PostgresClient({ adapter: new PrismaPg({ connectionString: target.url }) });
  return { provider: 'postgresql', prisma: pg as unknown as BerthPrismaClient };
}

/**
 * Connects to `url` (`file:…` → SQLite, `postgresql://…` / `postgres://…` → PostgreSQL).
 * Does not migrate: run `applyMigrations(url)` first. Throws DbError INVALID_ARGUMENT for a bad
 * URL, UNAVAILABLE when the database cannot be reached.
 */
export async function openDatabase(url: string): Promise<Database> {
  const { prisma, provider } = createClient(url);
  try {
    await prisma.$connect();
    await prisma.$queryRawUnsafe('SELECT 1');
  } catch (err) {
    await prisma.$disconnect().catch(() => {});
    throw DbError.wrap(err, `cannot open database ${redactUrl(url)}`, 'UNAVAILABLE');
  }
  return { prisma, provider, close: () => prisma.$disconnect() };
}
