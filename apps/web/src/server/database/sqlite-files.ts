import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Logger } from '@berth/log';

/**
 * The SQLite database holds password hashes, session ids and the audit trail: its directory is
 * owner-only (0700) and its files 0600 — created that way, and tightened on every start. A
 * directory Berth did not create (DATABASE_URL pointing into /tmp, say) is left alone with a
 * warning when others can enter it; the files are tightened all the same. SQLite creates its
 * -wal and -shm files with the database file's mode, so 0600 carries over.
 */
export function secureSqliteFiles(file: string, log: Logger): void {
  const dir = dirname(file);
  const created = !existsSync(dir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (created || basename(dir) === 'data') chmodSync(dir, 0o700);
  else if ((statSync(dir).mode & 0o077) !== 0) {
    log.warn(`the database directory ${dir} is open to other users; consider chmod 700`);
  }
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) {
    if (existsSync(f)) chmodSync(f, 0o600);
  }
}

export function sqliteFileOf(databaseUrl: string): string | null {
  if (!databaseUrl.startsWith('file:')) return null;
  const path = databaseUrl.slice('file:'.length).replace(/\?.*$/, '');
  return path.startsWith('/') ? path : join(process.cwd(), path);
}
