/**
 * `berth-web`: the web's command line.
 *
 *   berth-web [serve]             start the web (what `npm start -w @berth/web` runs)
 *   berth-web backup FILE         online backup of DATABASE_URL (SQLite file or pg_dump archive)
 *   berth-web restore FILE [--force]
 *                                 replace the database with a backup (the web must be stopped),
 *                                 then apply newer migrations; refuses a backup of a newer schema
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultDatabaseUrl } from '@berth/db';
import { BackupError, backupErrorCodes } from '../backup/backup-error.js';
import { backup, restore } from '../backup/backup-commands.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', '..');
const usage = 'usage: berth-web [serve] | backup FILE | restore FILE [--force]';

async function main(argv: string[]): Promise<number> {
  const [cmd = 'serve', ...rest] = argv;
  if (cmd === 'serve') {
    await import('../main.js');
    return -1;
  }
  if (cmd === '-h' || cmd === '--help' || cmd === 'help') {
    console.log(usage);
    return 0;
  }
  const force = rest.includes('--force');
  const files = rest.filter((a) => !a.startsWith('--'));
  const unknown = rest.filter((a) => a.startsWith('--') && a !== '--force');
  if (
    (cmd !== 'backup' && cmd !== 'restore') ||
    files.length !== 1 ||
    unknown.length > 0 ||
    (force && cmd === 'backup')
  ) {
    console.error(usage);
    return backupErrorCodes.INVALID_ARGUMENT;
  }
  const url = defaultDatabaseUrl(process.env, repoRoot);
  const file = resolve(files[0]!);
  const log = (line: string) => console.log(line);
  if (cmd === 'backup') await backup(url, file, log);
  else await restore(url, file, log, { force });
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err: unknown) => {
    if (err instanceof BackupError) {
      console.error(`berth-web: ${err.message}`);
      process.exit(backupErrorCodes[err.code]);
    }
    console.error(`berth-web: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exit(1);
  },
);
