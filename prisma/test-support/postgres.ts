/**
 * A throw-away PostgreSQL for tests, reusable by other workspaces (`@berth/db/test-support`).
 *
 * With DATABASE_TEST_POSTGRES_URL set, that server is used. Otherwise Debian's PostgreSQL 15 is
 * started from a fresh `initdb` in a temp dir, listening on 127.0.0.1 at a free port with its unix
 * socket inside the temp dir. PostgreSQL refuses to run as root, so as root the server runs as the
 * `postgres` user (runuser). Every `createDatabase()` gives a fresh, empty database.
 * `stop()` drops the databases it created, stops the server by its data dir and removes the dir.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

export interface TestPostgres {
  /** Server URL for the maintenance database `postgres` (do not put test tables there). */
  adminUrl: string;
  /** Creates a fresh empty database and returns its URL. */
  createDatabase(): Promise<string>;
  /** Drops the created databases; stops the server if this module started it. */
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Defaults to process.env.DATABASE_TEST_POSTGRES_URL. */
  externalUrl?: string | undefined;
}

export async function startTestPostgres(options: StartOptions = {}): Promise<TestPostgres> {
  const external = options.externalUrl ?? process.env['DATABASE_TEST_POSTGRES_URL'];
  if (external) return withDatabases(external, async () => {});
  const server = await startLocalServer();
  return withDatabases(server.url, server.stop);
}

function withDatabases(adminUrl: string, stopServer: () => Promise<void>): TestPostgres {
  const created: string[] = [];
  return {
    adminUrl,
    async createDatabase() {
      const name = `berth_test_${randomBytes(6).toString('hex')}`;
      await admin(adminUrl, `CREATE DATABASE "${name}"`);
      created.push(name);
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      return url.toString();
    },
    async stop() {
      try {
        for (const name of created.splice(0))
          await admin(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await stopServer();
      }
    },
  };
}

async function admin(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function postgresBinDir(): string {
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base) ? readdirSync(base).filter((v) => /^\d+$/.test(v)) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!newest) throw new Error(`no PostgreSQL under ${base}: apt-get install postgresql`);
  return join(base, newest, 'bin');
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function startLocalServer(): Promise<{ url: string; stop: () => Promise<void> }> {
  const bin = postgresBinDir();
  const asRoot = process.getuid?.() === 0;
  const asServerUser = (cmd: string, args: string[]) =>
    asRoot
      ? run('runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args])
      : run(join(bin, cmd), args);

  const dir = await mkdtemp(join(tmpdir(), 'berth-pg-'));
  const data = join(dir, 'data');
  const logFile = join(dir, 'server.log');
  try {
    if (asRoot) {
      const { stdout } = await run('id', ['-u', 'postgres']);
      const { stdout: gid } = await run('id', ['-g', 'postgres']);
      await chown(dir, Number(stdout.trim()), Number(gid.trim()));
    }
    await asServerUser('initdb', [
      '-D',
      data,
      '-U',
      'postgres',
      '--auth=trust',
      '-E',
      'UTF8',
      '--no-sync',
    ]);
    const port = await freePort();
    const serverOpts = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c full_page_writes=off`;
    await asServerUser('pg_ctl', [
      '-D',
      data,
      '-l',
      logFile,
      '-o',
      serverOpts,
      '-w',
      '-t',
      '60',
      'start',
    ]);
    const stop = async () => {
      try {
        await asServerUser('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    };
    return { url: `postgresql://postgres@127.0.0.1:${port}/postgres`, stop };
  } catch (err) {
    const log = await readFile(logFile, 'utf8').catch(() => '');
    await rm(dir, { recursive: true, force: true });
    throw new Error(`cannot start a test PostgreSQL: ${(err as Error).message}\n${log}`, {
      cause: err,
    });
  }
}
