import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backupKindOf, checkSchema, parseMigrationsCopy } from './backup-format.js';

test('backup files are told apart by their first bytes', () => {
  assert.equal(backupKindOf(Buffer.from('SQLite format 3\0rest', 'latin1')), 'sqlite');
  assert.equal(backupKindOf(Buffer.from('PGDMP\x01\x0e', 'latin1')), 'postgresql');
  assert.equal(backupKindOf(Buffer.from('-- SQL dump')), null);
  assert.equal(backupKindOf(Buffer.alloc(0)), null);
});

const m = (name: string, finished = true, rolledBack = false) => ({ name, finished, rolledBack });

test('an older or equal schema restores (the rest is applied after); a newer one is refused', () => {
  const known = ['1_init', '2_more', '3_tokens'];
  assert.deepEqual(checkSchema([m('1_init'), m('2_more'), m('3_tokens')], known), { pending: [] });
  assert.deepEqual(checkSchema([m('1_init')], known), { pending: ['2_more', '3_tokens'] });
  assert.throws(
    () => checkSchema([m('1_init'), m('4_future')], known),
    /newer schema .*4_future.*upgrade Berth first/,
  );
  assert.throws(
    () => checkSchema([m('1_init'), m('2_more', false)], known),
    /failed migration \(2_more\)/,
  );
  assert.throws(() => checkSchema([], known), /not of a Berth database/);
  // a rolled-back attempt of an unknown migration does not count
  assert.deepEqual(checkSchema([m('1_init'), m('9_x', false, true)], ['1_init']), { pending: [] });
});

test("pg_restore's COPY block of _prisma_migrations is read", () => {
  const sql = [
    'SET statement_timeout = 0;',
    'COPY public._prisma_migrations (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count) FROM stdin;',
    'a\tc1\t2026-01-01 00:00:00+00\t1_init\t\\N\t\\N\t2026-01-01 00:00:00+00\t1',
    'b\tc2\t\\N\t2_broken\t\\N\t\\N\t2026-01-01 00:00:00+00\t0',
    '\\.',
    '',
  ].join('\n');
  assert.deepEqual(parseMigrationsCopy(sql), [m('1_init'), m('2_broken', false)]);
  assert.deepEqual(parseMigrationsCopy('nothing here'), []);
});
