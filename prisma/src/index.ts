export { openDatabase } from './open.js';
export type { BerthPrismaClient, Database } from './open.js';
export { applyMigrations } from './apply.js';
export type { ApplyOptions } from './apply.js';
export { parseDatabaseUrl, redactUrl } from './url.js';
export type { DatabaseTarget, DbProvider } from './url.js';
export { DbError, DbErrorCode, isDbError } from './errors.js';
export { defaultDatabaseUrl } from './default-url.js';
export { knownMigrations } from './migrations-dir.js';
export type {
  Prisma,
  User,
  Session,
  Host,
  JoinToken,
  Image,
  Layer,
  ImageLayer,
  Container,
  StatsRollup,
  AuditEvent,
} from '../generated/sqlite/client.js';
