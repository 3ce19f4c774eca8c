import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { isDbError, openDatabase } from '../src/index.js';
import { startTestPostgres } from '../test-support/postgres.js';
import type { TestPostgres } from '../test-support/postgres.js';
import { databaseContract } from './db-contract.js';

let pg: TestPostgres;
before(async () => {
  pg = await startTestPostgres();
});
after(async () => {
  await pg?.stop();
});

databaseContract('postgresql', () => pg.createDatabase());

test('postgresql: an unreachable server is UNAVAILABLE', async () => {
  const port = await new Promise<number>((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => resolve(typeof addr === 'object' && addr ? addr.port : 1));
    });
  });
  await assert.rejects(
    openDatabase(`postgresql://postgres@127.0.0.1:${port}/berth`),
    (err: unknown) => isDbError(err, 'UNAVAILABLE'),
  );
});
