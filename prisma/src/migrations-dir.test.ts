import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isMigrationName, lockfileContent, readMigrationList } from './migrations-dir.js';
import { isDbError } from './errors.js';
import { DbError } from './errors.js';

test('migration names', () => {
  assert.ok(isMigrationName('20261129050217_init'));
  assert.ok(!isMigrationName('2026_init'));
  assert.ok(!isMigrationName('20261129050217-init'));
  assert.ok(!isMigrationName('migration_lock.toml'));
});

test('lockfile matches what the Prisma CLI writes', () => {
  assert.match(lockfileContent('postgresql'), /^provider = "postgresql"$/m);
});

test('readMigrationList: sorted folders, lockfile, other entries ignored', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'berth-mig-'));
  try {
    for (const name of ['20260102000000_second', '20260101000000_first']) {
      await mkdir(join(dir, name));
      await writeFile(join(dir, name, 'migration.sql'), `-- ${name}\n`);
    }
    await mkdir(join(dir, 'notes'));
    await writeFile(join(dir, 'migration_lock.toml'), lockfileContent('sqlite'));
    const list = await readMigrationList(dir);
    assert.equal(list.baseDir, dir);
    assert.deepEqual(list.lockfile, {
      path: 'migration_lock.toml',
      content: lockfileContent('sqlite'),
    });
    assert.deepEqual(
      list.migrationDirectories.map((m) => [m.path, m.migrationFile.content]),
      [
        ['20260101000000_first', { tag: 'ok', value: '-- 20260101000000_first\n' }],
        ['20260102000000_second', { tag: 'ok', value: '-- 20260102000000_second\n' }],
      ],
    );

    await mkdir(join(dir, '20260103000000_broken'));
    await assert.rejects(readMigrationList(dir), (err: unknown) =>
      isDbError(err, 'FAILED_PRECONDITION'),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('readMigrationList of a missing folder is empty', async () => {
  const list = await readMigrationList(join(tmpdir(), 'berth-no-such-dir-' + process.pid));
  assert.deepEqual(list.migrationDirectories, []);
  assert.equal(list.lockfile.content, null);
});

test('DbError.wrap keeps codes and adds context', () => {
  const inner = new DbError('NOT_FOUND', 'gone');
  const wrapped = DbError.wrap(inner, 'loading');
  assert.equal(wrapped.code, 'NOT_FOUND');
  assert.equal(wrapped.message, 'loading: gone');
  assert.equal(DbError.wrap(new Error('boom'), 'x', 'UNAVAILABLE').code, 'UNAVAILABLE');
  assert.equal(DbError.wrap({ odd: 1 }, 'x').message, 'x: {"odd":1}');
});
