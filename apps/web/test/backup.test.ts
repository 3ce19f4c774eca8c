import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import pg from 'pg';
import { startTestPostgres, type TestPostgres } from '@berth/db/test-support';
import { startWeb } from './support/server.js';
import { Client, readyUser } from './support/http.js';

/**
 * `berth-web backup` / `restore` against real databases: an online backup of a running web,
 * a restore that brings back exactly what was backed up, and the refusals (newer schema, wrong
 * kind, garbage, a web still running) that change nothing. SQLite always; PostgreSQL through a
 * throw-away server (pg_dump / pg_restore / psql from Debian's postgresql-client).
 */
const run = promisify(execFile);
const CLI = join(dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'berth-web.js');
const ADMIN_PASSWORD = 'admin-password-for-tests';
let dir: string;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'berth-backup-test-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function cli(
  args: string[],
  databaseUrl: string,
): Promise<{ code: number; out: string; err: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], {
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', DATABASE_URL: databaseUrl },
      timeout: 120_000,
    });
    return { code: 0, out: stdout, err: stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, out: err.stdout, err: err.stderr };
  }
}

/** Users, hosts and a token as the web lists them: what a restore must bring back. */
async function snapshot(baseUrl: string) {
  const admin = new Client(baseUrl);
  await admin.login('admin', ADMIN_PASSWORD);
  const users = ((await admin.request('GET', '/api/users')).body.users as { username: string }[])
    .map((u) => u.username)
    .sort();
  const hosts = ((await admin.request('GET', '/api/hosts')).body.hosts as { name: string }[])
    .map((h) => h.name)
    .sort();
  const tokens = ((await admin.request('GET', '/api/tokens')).body.tokens as { name: string }[])
    .map((t) => t.name)
    .sort();
  return { users, hosts, tokens };
}

async function seedAndBackup(databaseUrl: string, file: string) {
  const web = await startWeb({ BERTH_ADMIN_PASSWORD: ADMIN_PASSWORD, DATABASE_URL: databaseUrl });
  try {
    const admin = new Client(web.baseUrl);
    await admin.login('admin', ADMIN_PASSWORD);
    await readyUser(admin, 'kept', 'kept-password-1', 'operator');
    assert.equal((await admin.request('POST', '/api/hosts', { name: 'kept-host' })).status, 201);
    const token = await admin.request('POST', '/api/tokens', {
      name: 'kept-token',
      scopes: ['read'],
    });
    assert.equal(token.status, 201);
    const before = await snapshot(web.baseUrl);
    // online: the web keeps running while the backup is taken
    const b = await cli(['backup', file], databaseUrl);
    assert.equal(b.code, 0, b.err);
    await readyUser(admin, 'lost', 'lost-password-1', 'viewer');
    assert.equal((await admin.request('POST', '/api/hosts', { name: 'lost-host' })).status, 201);
    // while the web runs, a restore is refused and changes nothing
    const busy = await cli(['restore', file], databaseUrl);
    assert.notEqual(busy.code, 0);
    assert.match(busy.err, /in use .*stop the web first/);
    assert.ok((await snapshot(web.baseUrl)).users.includes('lost'));
    return { before, token: token.body.token as string };
  } finally {
    await web.stop();
  }
}

async function restoredMatches(
  databaseUrl: string,
  file: string,
  expected: Awaited<ReturnType<typeof seedAndBackup>>,
) {
  const r = await cli(['restore', file], databaseUrl);
  assert.equal(r.code, 0, r.err);
  const web = await startWeb({ BERTH_ADMIN_PASSWORD: ADMIN_PASSWORD, DATABASE_URL: databaseUrl });
  try {
    assert.deepEqual(await snapshot(web.baseUrl), expected.before);
    // the token backed up still works (only its hash was stored, and it came back)
    const res = await fetch(`${web.baseUrl}/api/hosts`, {
      headers: { authorization: `Bearer ${expected.token}` },
    });
    assert.equal(res.status, 200);
  } finally {
    await web.stop();
  }
}

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

test('SQLite: online backup of a running web, restore brings back exactly that', async () => {
  const db = join(dir, 'sqlite', 'berth.db');
  const url = `file:${db}`;
  const file = join(dir, 'berth-backup.sqlite');
  const seeded = await seedAndBackup(url, file);
  assert.equal(readFileSync(file).subarray(0, 15).toString('latin1'), 'SQLite format 3');
  assert.equal(statSync(file).mode & 0o777, 0o600);
  await restoredMatches(url, file, seeded);
  assert.ok(existsSync(`${db}.pre-restore`), 'the replaced database is kept');
  // a second backup to an existing file is refused
  const again = await cli(['backup', file], url);
  assert.equal(again.code, 2);
});

test('SQLite: a backup of a newer schema, of the wrong kind or not a backup is refused; nothing changes', async () => {
  const db = join(dir, 'sqlite', 'berth.db');
  const url = `file:${db}`;
  const before = sha(db);
  const future = join(dir, 'future.sqlite');
  writeFileSync(future, readFileSync(join(dir, 'berth-backup.sqlite')));
  const f = new Database(future);
  f.prepare(
    "INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES ('x', 'c', CURRENT_TIMESTAMP, '29991231000000_from_the_future', CURRENT_TIMESTAMP, 1)",
  ).run();
  f.close();
  const newer = await cli(['restore', future], url);
  assert.equal(newer.code, 4, newer.err);
  assert.match(newer.err, /newer schema .*29991231000000_from_the_future.*upgrade Berth first/);
  const garbage = join(dir, 'garbage.bin');
  writeFileSync(garbage, 'this is no backup');
  const bad = await cli(['restore', garbage], url);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /neither an SQLite database nor a pg_dump archive/);
  const missing = await cli(['restore', join(dir, 'nope')], url);
  assert.equal(missing.code, 3);
  const usage = await cli(['restore'], url);
  assert.equal(usage.code, 2);
  assert.match(usage.err, /usage: berth-web/);
  assert.equal(sha(db), before, 'the database is untouched');
});

let postgres: TestPostgres | null = null;
test('PostgreSQL: pg_dump backup of a running web, restore brings back exactly that', async (t) => {
  try {
    postgres = await startTestPostgres();
  } catch (err) {
    t.skip(`no PostgreSQL here: ${String(err)}`);
    return;
  }
  try {
    const url = await postgres.createDatabase();
    const file = join(dir, 'berth-backup.pgdump');
    const seeded = await seedAndBackup(url, file);
    assert.equal(readFileSync(file).subarray(0, 5).toString('latin1'), 'PGDMP');
    await restoredMatches(url, file, seeded);

    // newer schema: the same archive with a migration from the future is refused, nothing changes
    const scratch = await postgres.createDatabase();
    assert.equal((await cli(['restore', file, '--force'], scratch)).code, 0);
    const c = new pg.Client({ connectionString: scratch });
    await c.connect();
    await c.query(
      "INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES ('x', 'c', now(), '29991231000000_from_the_future', now(), 1)",
    );
    await c.end();
    const future = join(dir, 'future.pgdump');
    assert.equal((await cli(['backup', future], scratch)).code, 0);
    const newer = await cli(['restore', future], url);
    assert.equal(newer.code, 4, newer.err);
    assert.match(newer.err, /newer schema .*29991231000000_from_the_future/);
    // and an SQLite backup does not go into PostgreSQL
    const wrong = await cli(['restore', join(dir, 'berth-backup.sqlite')], url);
    assert.equal(wrong.code, 4);
    assert.match(wrong.err, /sqlite backup but DATABASE_URL is postgresql/);
    const web = await startWeb({ BERTH_ADMIN_PASSWORD: ADMIN_PASSWORD, DATABASE_URL: url });
    try {
      assert.deepEqual(await snapshot(web.baseUrl), seeded.before);
    } finally {
      await web.stop();
    }
  } finally {
    await postgres.stop();
  }
});
