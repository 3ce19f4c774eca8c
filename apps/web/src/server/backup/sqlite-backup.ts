import { copyFile, rename, rm, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { BackupError } from './backup-error.js';
import type { AppliedMigration } from './backup-format.js';

/**
 * SQLite's online backup API (better-sqlite3's `backup`): a consistent copy while the web keeps
 * running and writing. The copy is a plain SQLite file (WAL folded in).
 */
export async function backupSqlite(dbFile: string, outFile: string): Promise<void> {
  if (!existsSync(dbFile)) throw new BackupError('NOT_FOUND', `no database at ${dbFile}`);
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    await db.backup(outFile);
  } finally {
    db.close();
  }
  const out = new Database(outFile);
  try {
    out.pragma('journal_mode = DELETE');
  } finally {
    out.close();
  }
}

/** Reads `_prisma_migrations` of a backup after checking the file is a sound database. */
export function sqliteMigrations(file: string): AppliedMigration[] {
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw new BackupError(
      'INVALID_ARGUMENT',
      `${file} is not a readable SQLite database: ${String(err)}`,
    );
  }
  try {
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok')
      throw new BackupError('INVALID_ARGUMENT', `${file} is damaged: ${String(check)}`);
    const table = db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'",
      )
      .get();
    if (!table)
      throw new BackupError(
        'FAILED_PRECONDITION',
        `${file} is not a Berth database (no _prisma_migrations)`,
      );
    const rows = db
      .prepare('SELECT migration_name, finished_at, rolled_back_at FROM _prisma_migrations')
      .all() as { migration_name: string; finished_at: unknown; rolled_back_at: unknown }[];
    return rows.map((r) => ({
      name: r.migration_name,
      finished: r.finished_at !== null,
      rolledBack: r.rolled_back_at !== null,
    }));
  } catch (err) {
    if (err instanceof BackupError) throw err;
    throw new BackupError('INVALID_ARGUMENT', `${file} cannot be read: ${String(err)}`);
  } finally {
    db.close();
  }
}

/**
 * Puts a checked backup in place of `dbFile`: copied next to it, then renamed over it (atomic),
 * after stale -wal/-shm files are removed. The database it replaces is kept as
 * `<file>.pre-restore` until the next restore.
 */
export async function restoreSqlite(
  backupFile: string,
  dbFile: string,
): Promise<{ previous: string | null }> {
  const staging = `${dbFile}.restoring`;
  await copyFile(backupFile, staging);
  let previous: string | null = null;
  try {
    if (existsSync(dbFile) && (await stat(dbFile)).size > 0) {
      previous = `${dbFile}.pre-restore`;
      await copyFile(dbFile, previous);
    }
    await rm(`${dbFile}-wal`, { force: true });
    await rm(`${dbFile}-shm`, { force: true });
    await rename(staging, dbFile);
  } catch (err) {
    await rm(staging, { force: true });
    throw err;
  }
  return { previous };
}
