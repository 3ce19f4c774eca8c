import { dirname, join } from 'node:path';
import { packageRoot } from './package-root.js';

/** DATABASE_URL if set, else the SQLite file `<repo>/data/berth.db`. */
export function defaultDatabaseUrl(
  env: Record<string, string | undefined> = process.env,
  repoRoot: string = dirname(packageRoot()),
): string {
  const fromEnv = env['DATABASE_URL']?.trim();
  return fromEnv ? fromEnv : `file:${join(repoRoot, 'data', 'berth.db')}`;
}
