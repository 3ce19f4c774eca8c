import { BackupError } from './backup-error.js';

export type BackupKind = 'sqlite' | 'postgresql';

/**
 * Pure: what a backup file is, from its first bytes — an SQLite database file ("SQLite format 3")
 * or a pg_dump custom-format archive ("PGDMP"). Backups are these standard files, readable with
 * sqlite3 and pg_restore without Berth.
 */
export function backupKindOf(head: Buffer): BackupKind | null {
  if (head.subarray(0, 16).equals(Buffer.from('SQLite format 3\0', 'latin1'))) return 'sqlite';
  if (head.subarray(0, 5).toString('latin1') === 'PGDMP') return 'postgresql';
  return null;
}

export interface AppliedMigration {
  name: string;
  finished: boolean;
  rolledBack: boolean;
}

/**
 * Pure: whether this build can take a database whose `_prisma_migrations` says `applied`.
 * Refused: a migration this build does not know (the backup is from a newer Berth), or one that
 * failed half-way (the backup is of a broken database). Answers the migrations still to apply.
 */
export function checkSchema(
  applied: readonly AppliedMigration[],
  known: readonly string[],
): { pending: string[] } {
  const done = applied.filter((m) => !m.rolledBack);
  const unknown = done.filter((m) => !known.includes(m.name)).map((m) => m.name);
  if (unknown.length > 0) {
    throw new BackupError(
      'FAILED_PRECONDITION',
      `the backup is from a newer schema (migrations unknown to this Berth: ${unknown.join(', ')}); upgrade Berth first, then restore`,
    );
  }
  const failed = done.filter((m) => !m.finished).map((m) => m.name);
  if (failed.length > 0) {
    throw new BackupError(
      'FAILED_PRECONDITION',
      `the backup holds a failed migration (${failed.join(', ')}): it is of a database that needs repair first`,
    );
  }
  if (done.length === 0) {
    throw new BackupError(
      'FAILED_PRECONDITION',
      'the backup is not of a Berth database (no applied migrations)',
    );
  }
  const names = new Set(done.map((m) => m.name));
  return { pending: known.filter((k) => !names.has(k)) };
}

/**
 * Pure: the `_prisma_migrations` rows of `pg_restore --data-only --table=_prisma_migrations -f -`
 * output (a COPY block: tab-separated, `\N` for NULL).
 */
export function parseMigrationsCopy(sql: string): AppliedMigration[] {
  const m = /^COPY [^\n]*_prisma_migrations \(([^)]*)\) FROM stdin;\n([\s\S]*?)^\\\.$/m.exec(sql);
  if (!m) return [];
  const cols = m[1]!.split(',').map((c) => c.trim().replace(/^"|"$/g, ''));
  const at = (name: string) => cols.indexOf(name);
  return m[2]!
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const v = line.split('\t');
      return {
        name: v[at('migration_name')] ?? '',
        finished: v[at('finished_at')] !== '\\N',
        rolledBack: v[at('rolled_back_at')] !== '\\N' && at('rolled_back_at') >= 0,
      };
    });
}
