/** Applies the committed migrations of a database's provider through the WASM schema engine. */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createAdapterFactory } from './adapters.js';
import { DbError } from './errors.js';
import { migrationsDir, readMigrationList } from './migrations-dir.js';
import { openSchemaEngine } from './schema-engine.js';
import { parseDatabaseUrl, redactUrl } from './url.js';
import type { DbProvider } from './url.js';

export interface ApplyOptions {
  /** Progress lines for humans (e.g. `console.log`). */
  log?: (line: string) => void;
  /** Override the migrations folder (tests); defaults to prisma/migrations/<provider>. */
  migrationsDir?: string;
}

/** A datamodel naming only the provider: all that applying existing SQL needs. */
export function providerDatamodel(provider: DbProvider): [string, string] {
  return ['schema.prisma', `datasource db {\n  provider = "${provider}"\n}\n`];
}

/**
 * Applies every committed migration the database has not seen yet, recording them in the
 * standard `_prisma_migrations` table (so `prisma migrate deploy` agrees). Idempotent.
 * Returns the names of the migrations applied by this call (empty when up to date).
 */
export async function applyMigrations(url: string, options: ApplyOptions = {}): Promise<string[]> {
  const log = options.log ?? (() => {});
  const target = parseDatabaseUrl(url);
  const dir = options.migrationsDir ?? migrationsDir(target.provider);
  const list = await readMigrationList(dir);
  if (list.migrationDirectories.length === 0) {
    throw new DbError('FAILED_PRECONDITION', `no migrations found in ${dir}`);
  }
  if (target.provider === 'sqlite') mkdirSync(dirname(target.filePath), { recursive: true });
  log(`applying ${target.provider} migrations from ${dir} to ${redactUrl(target.url)}`);

  const session = await openSchemaEngine({
    datamodel: providerDatamodel(target.provider),
    adapterFactory: createAdapterFactory(target),
  });
  try {
    const { appliedMigrationNames } = await session.engine.applyMigrations({
      migrationsList: list,
      filters: { externalTables: [], externalEnums: [] },
    });
    if (appliedMigrationNames.length === 0) log('database is up to date: no migration applied');
    for (const name of appliedMigrationNames) log(`applied ${name}`);
    return appliedMigrationNames;
  } catch (err) {
    throw new DbError(
      'FAILED_PRECONDITION',
      `applying migrations to ${redactUrl(target.url)} failed: ${session.explain(err)}`,
      {
        cause: err,
      },
    );
  } finally {
    await session.close();
  }
}
