import { chmod, open } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { applyMigrations, knownMigrations, parseDatabaseUrl, redactUrl } from '@berth/db';
import { BackupError } from './backup-error.js';
import { backupKindOf, checkSchema, type BackupKind } from './backup-format.js';
import { backupSqlite, restoreSqlite, sqliteMigrations } from './sqlite-backup.js';
import {
  backupPostgres,
  otherSessions,
  postgresArchiveMigrations,
  restorePostgres,
} from './pg-backup.js';
import { processesHolding } from './open-files.js';

type Log = (line: string) => void;

/** `berth-web backup FILE`: an online copy of the web's database (SQLite or PostgreSQL). */
export async function backup(databaseUrl: string, file: string, log: Log): Promise<void> {
  const target = parseDatabaseUrl(databaseUrl);
  if (existsSync(file))
    throw new BackupError('INVALID_ARGUMENT', `${file} exists: choose a new file name`);
  if (target.provider === 'sqlite') await backupSqlite(target.filePath, file);
  else await backupPostgres(target.url, file);
  // It holds password and token hashes: readable by its owner only, like the database.
  await chmod(file, 0o600);
  log(`backed up ${redactUrl(target.url)} to ${file} (${target.provider})`);
}

async function kindOf(file: string): Promise<BackupKind> {
  if (!existsSync(file)) throw new BackupError('NOT_FOUND', `no file ${file}`);
  const fh = await open(file, 'r');
  try {
    const head = Buffer.alloc(16);
    await fh.read(head, 0, 16, 0);
    const kind = backupKindOf(head);
    if (!kind)
      throw new BackupError(
        'INVALID_ARGUMENT',
        `${file} is neither an SQLite database nor a pg_dump archive`,
      );
    return kind;
  } finally {
    await fh.close();
  }
}

/**
 * `berth-web restore FILE`: checks the backup (its kind matches the database, its schema is not
 * newer than this Berth's, the web is not running on the database), replaces the database with
 * it, then applies the migrations the backup predates. Nothing is changed when a check fails.
 */
export async function restore(
  databaseUrl: string,
  file: string,
  log: Log,
  opts: { force?: boolean } = {},
): Promise<{ applied: string[] }> {
  const target = parseDatabaseUrl(databaseUrl);
  const kind = await kindOf(file);
  if (kind !== target.provider)
    throw new BackupError(
      'FAILED_PRECONDITION',
      `${file} is a ${kind} backup but DATABASE_URL is ${target.provider}: restore into the same kind of database`,
    );
  const known = await knownMigrations(target.provider);
  const migrations =
    kind === 'sqlite' ? sqliteMigrations(file) : await postgresArchiveMigrations(file);
  const { pending } = checkSchema(migrations, known);
  if (!opts.force) {
    const busy =
      target.provider === 'sqlite'
        ? (await processesHolding(target.filePath)).length
        : await otherSessions(target.url).catch(() => 0);
    if (busy > 0)
      throw new BackupError(
        'FAILED_PRECONDITION',
        `the database is in use (${busy} other ${target.provider === 'sqlite' ? 'process' : 'session'}${busy > 1 ? 'es' : ''}): stop the web first (or --force)`,
      );
  }
  if (target.provider === 'sqlite') {
    const { previous } = await restoreSqlite(file, target.filePath);
    if (previous) log(`the database it replaced is kept as ${previous}`);
  } else {
    await restorePostgres(file, target.url);
  }
  log(`restored ${file} into ${redactUrl(target.url)}`);
  const applied = pending.length ? await applyMigrations(target.url) : [];
  if (applied.length) log(`applied migrations newer than the backup: ${applied.join(', ')}`);
  return { applied };
}
