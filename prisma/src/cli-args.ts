/** Parses `berth-db` command lines (pure). */
import { DbError } from './errors.js';

export type CliCommand = { command: 'migrate'; url: string | undefined } | { command: 'help' };

export const USAGE = `usage: berth-db migrate [--url URL]
  Applies the committed migrations to URL (default: DATABASE_URL, else file:<repo>/data/berth.db).
  URL: file:<path> (SQLite) or postgresql://user:pass@host:port/db`;

export function parseCliArgs(argv: readonly string[]): CliCommand {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h')
    return { command: 'help' };
  if (command !== 'migrate') throw new DbError('INVALID_ARGUMENT', `unknown command "${command}"`);
  let url: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] ?? '';
    if (arg === '--url') {
      const value = rest[++i];
      if (value === undefined || value.startsWith('--'))
        throw new DbError('INVALID_ARGUMENT', '--url needs a value');
      url = value;
    } else if (arg.startsWith('--url=')) {
      url = arg.slice('--url='.length);
    } else {
      throw new DbError('INVALID_ARGUMENT', `unexpected argument "${arg}"`);
    }
  }
  return { command: 'migrate', url };
}

/** Process exit code for an error: 2 for bad usage, 1 otherwise. */
export function exitCodeFor(err: unknown): number {
  return err instanceof DbError && err.code === 'INVALID_ARGUMENT' ? 2 : 1;
}
