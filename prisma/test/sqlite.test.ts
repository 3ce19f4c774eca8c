import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyMigrations, isDbError } from '../src/index.js';
import { databaseContract } from './db-contract.js';

const dir = await mkdtemp(join(tmpdir(), 'berth-db-sqlite-'));
after(() => rm(dir, { recursive: true, force: true }));
let n = 0;

databaseContract('sqlite', async () => `file:${join(dir, `db-${++n}`, 'berth.db')}`);

test('sqlite: missing parent folders are created', async () => {
  const file = join(dir, 'deep', 'er', 'berth.db');
  assert.ok(!existsSync(file));
  assert.ok((await applyMigrations(`file:${file}`)).length > 0);
  assert.ok(existsSync(file));
});

test('sqlite: a failing migration is a FAILED_PRECONDITION DbError; later runs refuse', async () => {
  const migrations = join(dir, 'bad-migrations');
  await mkdir(join(migrations, '20260101000000_bad'), { recursive: true });
  await writeFile(
    join(migrations, '20260101000000_bad', 'migration.sql'),
    'CREATE TABLE nope (;\n',
  );
  const url = `file:${join(dir, 'bad.db')}`;
  await assert.rejects(
    applyMigrations(url, { migrationsDir: migrations }),
    (err: unknown) =>
      isDbError(err, 'FAILED_PRECONDITION') &&
      err.message.includes('syntax error') &&
      !err.message.includes('   0: '),
  );
  // Prisma records the failed migration; deploy stays blocked until someone resolves it.
  await assert.rejects(
    applyMigrations(url, { migrationsDir: migrations }),
    (err: unknown) =>
      isDbError(err, 'FAILED_PRECONDITION') && err.message.includes('20260101000000_bad'),
  );
});

test('sqlite: an empty migrations folder is refused', async () => {
  await assert.rejects(
    applyMigrations(`file:${join(dir, 'none.db')}`, { migrationsDir: join(dir, 'empty') }),
    (err: unknown) => isDbError(err, 'FAILED_PRECONDITION'),
  );
});
