import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyMigrations, openDatabase, type Database } from '@berth/db';
import { startTestPostgres, type TestPostgres } from '@berth/db/test-support';
import { createRollupsRepo, type RollupRow } from '../src/server/stats/rollups-repo.js';

let postgres: TestPostgres;
let dir: string;
before(async () => {
  postgres = await startTestPostgres();
  dir = mkdtempSync(join(tmpdir(), 'berth-rollups-'));
});
after(async () => {
  await postgres?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const M0 = Date.UTC(2026, 0, 1, 12, 0);
const row = (containerId: string, minute: number, samples: number): RollupRow => ({
  containerId,
  minute,
  samples,
  cpuPercentAvg: samples / 2,
  cpuPercentMax: samples,
  memoryUsageAvg: 5e9,
  memoryUsageMax: 6e9,
  memoryWorkingSet: 4e9,
  memoryLimit: null,
  ioReadBytes: 1234,
  ioWriteBytes: 0,
  netRxBytes: null,
  netTxBytes: 7,
  pidsMax: 3,
});

async function withDb(url: string, body: (db: Database) => Promise<void>) {
  await applyMigrations(url);
  const db = await openDatabase(url);
  try {
    await body(db);
  } finally {
    await db.close();
  }
}

async function batchWrites(db: Database) {
  const host = await db.prisma.host.create({ data: { id: 'h1', name: 'h1' } });
  const ids = Array.from({ length: 300 }, (_, i) => `${host.id}:c${i}`);
  await db.prisma.container.createMany({
    data: ids.map((id, i) => ({
      id,
      hostId: host.id,
      engineId: `c${i}`,
      name: `c${i}`,
      image: 'busybox',
      state: 'running',
      createdAt: new Date(),
    })),
  });
  const repo = createRollupsRepo(db.prisma);
  // One batch: 300 containers × 2 minutes.
  await repo.writeMany(ids.flatMap((id) => [row(id, M0, 60), row(id, M0 + 60_000, 60)]));
  assert.equal(await db.prisma.statsRollup.count(), 600);
  // The next batch rewrites one minute of half the containers: replaced, the rest untouched.
  await repo.writeMany(ids.slice(0, 150).map((id) => row(id, M0 + 60_000, 42)));
  assert.equal(await db.prisma.statsRollup.count(), 600);
  const c0 = await repo.range(ids[0]!, M0, M0 + 60_000);
  assert.deepEqual(
    c0.map((r) => [r.minute, r.samples]),
    [
      [M0, 60],
      [M0 + 60_000, 42],
    ],
  );
  assert.equal(c0[1]!.memoryUsageMax, 6e9, 'BIGINT columns round-trip');
  assert.equal(c0[1]!.netRxBytes, null);
  const last = await repo.range(ids[299]!, M0 + 60_000, M0 + 60_000);
  assert.equal(last[0]!.samples, 60);
  assert.equal(await repo.prune(M0 + 60_000), 300, 'retention deletes the older minute');
  assert.equal(await db.prisma.statsRollup.count(), 300);
  // Retention in windows: 30 minutes of one container before the cut, deleted 10 at a time.
  const old = Array.from({ length: 30 }, (_, m) => row(ids[0]!, M0 - (m + 1) * 60_000, 60));
  await repo.writeMany(old);
  assert.equal(await repo.prune(M0 + 60_000, 10 * 60_000), 30);
  assert.equal(await db.prisma.statsRollup.count(), 300, 'minutes at or after the cut stay');
}

test('rollups repo, SQLite: one batch of many container-minutes, rewrites replace', async () => {
  await withDb(`file:${join(dir, 'berth.db')}`, batchWrites);
});

test('rollups repo, PostgreSQL: one batch of many container-minutes, rewrites replace', async () => {
  await withDb(await postgres.createDatabase(), batchWrites);
});
