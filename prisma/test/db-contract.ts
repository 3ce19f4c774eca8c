/**
 * The contract every provider passes: migrate from empty, idempotent re-run, round trip through
 * the generated client. Run by sqlite.test.ts and postgresql.test.ts against real databases.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { applyMigrations, openDatabase } from '../src/index.js';
import type { Database, DbProvider } from '../src/index.js';

const MODEL_TABLES = [
  'Alert',
  'AlertChannel',
  'AlertNotification',
  'AlertRule',
  'AlertSilence',
  'ApiToken',
  'AuditEvent',
  'ClusterLease',
  'Container',
  'Host',
  'Image',
  'ImageLayer',
  'JoinToken',
  'Layer',
  'Network',
  'RegistryCredential',
  'RegistryGrant',
  'Session',
  'Stack',
  'StackDeployment',
  'StackVersion',
  'StatsRollup',
  'ThrottleCounter',
  'User',
];

export function committedMigrations(provider: DbProvider): string[] {
  const dir = join(import.meta.dirname, '..', 'migrations', provider);
  return readdirSync(dir)
    .filter((n) => /^\d{14}_/.test(n))
    .sort();
}

async function listTables(db: Database): Promise<string[]> {
  const rows =
    db.provider === 'sqlite'
      ? await db.prisma.$queryRawUnsafe<{ name: string }[]>(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
        )
      : await db.prisma.$queryRawUnsafe<{ name: string }[]>(
          "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'",
        );
  return rows.map((r) => r.name).sort();
}

export function databaseContract(provider: DbProvider, freshUrl: () => Promise<string>): void {
  test(`${provider}: migrate from empty, idempotent, round trip`, async () => {
    const url = await freshUrl();
    const lines: string[] = [];
    const applied = await applyMigrations(url, { log: (l) => lines.push(l) });
    assert.deepEqual(applied, committedMigrations(provider));
    assert.ok(applied.length > 0);

    const db = await openDatabase(url);
    try {
      assert.equal(db.provider, provider);
      assert.deepEqual(await listTables(db), [...MODEL_TABLES, '_prisma_migrations'].sort());
      const recorded = await db.prisma.$queryRawUnsafe<{ migration_name: string }[]>(
        'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name',
      );
      assert.deepEqual(
        recorded.map((r) => r.migration_name),
        applied,
      );

      lines.length = 0;
      assert.deepEqual(await applyMigrations(url, { log: (l) => lines.push(l) }), []);
      assert.ok(
        lines.some((l) => l.includes('no migration applied')),
        lines.join('\n'),
      );

      const big = 2n ** 62n + 7n; // beyond Number.MAX_SAFE_INTEGER
      await db.prisma.user.create({
        data: { id: 'u1', username: 'admin', passwordHash: 'x', role: 'admin' },
      });
      await db.prisma.host.create({
        data: { id: 'h1', name: 'node-1', memoryBytes: big, cpus: 2 },
      });
      const user = await db.prisma.user.findUniqueOrThrow({ where: { username: 'admin' } });
      assert.equal(user.role, 'admin');
      assert.equal(user.disabled, false);
      assert.ok(user.createdAt instanceof Date);
      const host = await db.prisma.host.findUniqueOrThrow({ where: { id: 'h1' } });
      assert.equal(host.memoryBytes, big);
      assert.equal(host.status, 'pending');

      // a stack, its versions and per-host deployments go with it
      await db.prisma.stack.create({
        data: {
          id: 's1',
          name: 'shop',
          createdBy: 'admin',
          versions: {
            create: [{ id: 'v1', number: 1, compose: 'services: {}', createdBy: 'admin' }],
          },
          deployments: {
            create: [{ id: 's1:h1', hostId: 'h1', versionNumber: 1, status: 'running' }],
          },
        },
      });
      await assert.rejects(
        db.prisma.stackVersion.create({
          data: { id: 'v1b', stackId: 's1', number: 1, compose: 'x', createdBy: 'admin' },
        }),
        (err: unknown) => (err as { code?: string }).code === 'P2002',
      );
      await db.prisma.stack.delete({ where: { id: 's1' } });
      assert.equal(await db.prisma.stackVersion.count(), 0);
      assert.equal(await db.prisma.stackDeployment.count(), 0);

      await assert.rejects(
        db.prisma.user.create({
          data: { id: 'u2', username: 'admin', passwordHash: 'x', role: 'viewer' },
        }),
        (err: unknown) => (err as { code?: string }).code === 'P2002',
      );
    } finally {
      await db.close();
    }
  });
}
