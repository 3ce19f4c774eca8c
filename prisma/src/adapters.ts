import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type { DatabaseTarget } from './url.js';

/** The driver adapter factory for a target: better-sqlite3 for `file:`, node-postgres otherwise. */
export function createAdapterFactory(
  target: DatabaseTarget,
): SqlMigrationAwareDriverAdapterFactory {
  if (target.provider === 'sqlite') return new PrismaBetterSqlite3({ url: target.url });
  return new PrismaPg({ connectionString: target.url });
}
