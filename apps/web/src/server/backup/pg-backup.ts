import { execFile } from 'node:child_process';
import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { BackupError } from './backup-error.js';
import { parseMigrationsCopy, type AppliedMigration } from './backup-format.js';

const run = promisify(execFile);

/**
 * Pure: a libpq connection from a database URL with the password moved out of it (into
 * PGPASSWORD), so it never shows in the process list.
 */
export function pgConnection(url: string): { dbname: string; env: Record<string, string> } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  return { dbname: u.toString(), env: password ? { PGPASSWORD: password } : {} };
}

async function tool(
  name: 'pg_dump' | 'pg_restore' | 'psql',
  args: string[],
  env: Record<string, string>,
) {
  try {
    return await run(name, args, { env: { ...process.env, ...env }, maxBuffer: 256 * 1024 * 1024 });
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stderr?: string };
    if (e.code === 'ENOENT')
      throw new BackupError(
        'UNAVAILABLE',
        `${name} not found: install the PostgreSQL client tools of the server's major version (Debian: postgresql-client)`,
      );
    throw new BackupError('INTERNAL', `${name} failed: ${(e.stderr ?? e.message).trim()}`);
  }
}

/** pg_dump's custom format: compressed, restorable table by table with pg_restore. */
export async function backupPostgres(url: string, outFile: string): Promise<void> {
  const c = pgConnection(url);
  await tool(
    'pg_dump',
    [
      '--format=custom',
      '--no-owner',
      '--no-privileges',
      `--file=${outFile}`,
      `--dbname=${c.dbname}`,
    ],
    c.env,
  );
}

/** The `_prisma_migrations` rows inside a pg_dump archive, without restoring it. */
export async function postgresArchiveMigrations(file: string): Promise<AppliedMigration[]> {
  const { stdout } = await tool(
    'pg_restore',
    ['--data-only', '--table=_prisma_migrations', '--file=-', file],
    {},
  );
  return parseMigrationsCopy(stdout);
}

/** Sessions on the database other than ours (a running web); restoring under it would fail or lose writes. */
export async function otherSessions(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const r = await client.query<{ n: string }>(
      'SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
    );
    return Number(r.rows[0]?.n ?? 0);
  } finally {
    await client.end();
  }
}

/**
 * Replaces the whole database with the archive, all or nothing: the archive is turned into SQL
 * first (a private temp file; pg_restore must finish), then one psql transaction drops the
 * public schema (so tables of a newer schema than the backup's go too, and migrations can
 * re-create them) and runs that SQL.
 */
export async function restorePostgres(file: string, url: string): Promise<void> {
  const c = pgConnection(url);
  const dir = await mkdtemp(join(tmpdir(), 'berth-restore-'));
  const sql = join(dir, 'restore.sql');
  try {
    await writeFile(sql, 'DROP SCHEMA IF EXISTS public CASCADE;\nCREATE SCHEMA public;\n', {
      mode: 0o600,
    });
    await tool('pg_restore', ['--no-owner', '--no-privileges', `--file=${sql}.body`, file], {});
    await appendFile(sql, await readFile(`${sql}.body`));
    await tool(
      'psql',
      [
        '--no-psqlrc',
        '--quiet',
        '--single-transaction',
        '--set=ON_ERROR_STOP=1',
        `--file=${sql}`,
        `--dbname=${c.dbname}`,
      ],
      c.env,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
