/**
 * Makes the next migration for both providers, offline:
 *   npx tsx scripts/new-migration.ts <name>
 * Runs generate.mjs (which derives generated/postgresql/schema.prisma), then for each provider asks
 * the WASM schema engine to diff "the committed migrations" against the datamodel and writes
 * migrations/<provider>/<timestamp>_<name>/migration.sql (+ migration_lock.toml).
 * The committed migrations are applied to a scratch database (a temp SQLite file; a fresh
 * database on DATABASE_TEST_POSTGRES_URL or on a throw-away local PostgreSQL from
 * test-support/postgres.ts), and the engine diffs that database against the datamodel.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAdapterFactory } from '../src/adapters.js';
import {
  lockfileContent,
  migrationsDir,
  readMigrationList,
  LOCKFILE_NAME,
  MIGRATION_FILE,
} from '../src/migrations-dir.js';
import { packageRoot } from '../src/package-root.js';
import { openSchemaEngine } from '../src/schema-engine.js';
import { applyMigrations } from '../src/apply.js';
import { parseDatabaseUrl } from '../src/url.js';
import type { DbProvider } from '../src/url.js';
import { startTestPostgres } from '../test-support/postgres.js';
import { withCharAsText } from './pg-char-as-text.js';

const EMPTY_MARKER = '-- This is an empty migration.';

function timestamp(d = new Date()): string {
  return d.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

/**
 * The SQL that takes a database holding the committed migrations to the datamodel. The committed
 * migrations are applied to the scratch database first and the engine diffs from that live
 * database (`schemaDatasource`). The `migrations` diff target would replay them on a shadow
 * database instead, which fails here: better-sqlite3 refuses multi-statement SQL there, and
 * adapter-pg's shadow database ignores the database name when given a connection string.
 */
async function diffSql(
  provider: DbProvider,
  scratchUrl: string,
  schemaPath: string,
): Promise<string> {
  const content = await readFile(schemaPath, 'utf8');
  const list = await readMigrationList(migrationsDir(provider));
  if (list.migrationDirectories.length > 0) await applyMigrations(scratchUrl);
  const files = [{ path: schemaPath, content }];
  const session = await openSchemaEngine({
    datamodel: [schemaPath, content],
    adapterFactory: withCharAsText(createAdapterFactory(parseDatabaseUrl(scratchUrl))),
  });
  try {
    const result = await session.engine.diff({
      from:
        list.migrationDirectories.length === 0
          ? { tag: 'empty' }
          : { tag: 'schemaDatasource', files, configDir: packageRoot() },
      to: { tag: 'schemaDatamodel', files },
      script: true,
      exitCode: null,
      filters: { externalTables: [], externalEnums: [] },
    });
    return result.stdout ?? '';
  } catch (err) {
    throw new Error(`${provider}: diff failed: ${session.explain(err)}`, { cause: err });
  } finally {
    await session.close();
  }
}

async function writeMigration(provider: DbProvider, folder: string, sql: string): Promise<void> {
  const dir = migrationsDir(provider);
  if (existsSync(join(dir, folder))) throw new Error(`${provider}: ${folder} already exists`);
  await mkdir(join(dir, folder), { recursive: true });
  await writeFile(join(dir, folder, MIGRATION_FILE), sql.endsWith('\n') ? sql : `${sql}\n`);
  await writeFile(join(dir, LOCKFILE_NAME), lockfileContent(provider));
  console.log(`${provider}: wrote migrations/${provider}/${folder}/${MIGRATION_FILE}`);
}

async function main(): Promise<void> {
  const name = process.argv[2] ?? '';
  if (!/^[a-z0-9_]+$/.test(name)) {
    console.error(
      'usage: npx tsx scripts/new-migration.ts <name>   (lower-case letters, digits, _)',
    );
    process.exit(2);
  }
  const root = packageRoot();
  const gen = spawnSync(process.execPath, [join(root, 'scripts', 'generate.mjs')], {
    stdio: 'inherit',
  });
  if (gen.status !== 0) process.exit(1);

  const folder = `${timestamp()}_${name}`;
  const scratch = await mkdtemp(join(tmpdir(), 'berth-new-migration-'));
  const pg = await startTestPostgres();
  try {
    const pending: [DbProvider, string][] = [];
    const sqliteSql = await diffSql(
      'sqlite',
      `file:${join(scratch, 'scratch.db')}`,
      join(root, 'schema.prisma'),
    );
    pending.push(['sqlite', sqliteSql]);
    const pgUrl = await pg.createDatabase();
    const pgSql = await diffSql(
      'postgresql',
      pgUrl,
      join(root, 'generated', 'postgresql', 'schema.prisma'),
    );
    pending.push(['postgresql', pgSql]);
    for (const [provider, sql] of pending) {
      if (sql.trim() === '' || sql.includes(EMPTY_MARKER))
        console.log(`${provider}: no changes, no migration`);
      else await writeMigration(provider, folder, sql);
    }
  } finally {
    await pg.stop();
    await rm(scratch, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
