import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPresenceTable } from './presence-table.js';
import { createLeaseKeeper } from './leases.js';
import type { LeasesRepo } from './leases-repo.js';
import { silentLogger } from '@berth/log';

const p = (hostId: string, replicaId: string, socketId: string, since: number) => ({
  hostId,
  replicaId,
  socketId,
  since,
});

test('presence: the newest connection of a host wins, whatever order the news arrives in', () => {
  const t = createPresenceTable(() => 0);
  assert.equal(t.up(p('h', 'r2', 's2', 200)), true);
  assert.equal(t.up(p('h', 'r1', 's1', 100)), false, 'an older connection reported late');
  assert.equal(t.get('h')?.replicaId, 'r2');
  assert.equal(t.down('h', 's1'), undefined, 'the old socket going away changes nothing');
  assert.equal(t.down('h', 's2')?.socketId, 's2');
  assert.equal(t.get('h'), undefined);
});

test('presence: a full list replaces what a replica held; a silent replica expires', () => {
  let now = 0;
  const t = createPresenceTable(() => now);
  t.up(p('a', 'r1', 's1', 1));
  t.up(p('b', 'r1', 's2', 1));
  t.up(p('c', 'r2', 's3', 1));
  const gone = t.replace('r1', [p('a', 'r1', 's1', 1)]);
  assert.deepEqual(
    gone.map((x) => x.hostId),
    ['b'],
  );
  now = 10_000;
  t.replace('r2', [p('c', 'r2', 's3', 1)]);
  now = 20_000;
  assert.deepEqual(
    t.expire(15_000).map((x) => x.hostId),
    ['a'],
    'r1 silent for 20 s, r2 for 10 s',
  );
  assert.deepEqual(t.hostIds(), ['c']);
});

function memoryLeases(): LeasesRepo & { rows: Map<string, { holder: string; until: number }> } {
  const rows = new Map<string, { holder: string; until: number }>();
  return {
    rows,
    async acquire(name, holder, now, expiresAt) {
      const r = rows.get(name);
      if (r && r.holder !== holder && r.until >= now.getTime()) return false;
      rows.set(name, { holder, until: expiresAt.getTime() });
      return true;
    },
    async release(name, holder) {
      if (rows.get(name)?.holder === holder) rows.delete(name);
    },
    holderOf: async (name) => rows.get(name)?.holder ?? null,
  };
}

const tick = () => new Promise((r) => setImmediate(r));

test('leases: one holder runs the job; another takes over after the holder stops renewing', async () => {
  let now = 1_000_000;
  const repo = memoryLeases();
  const opts = { ttlMs: 30_000, renewMs: 10_000 };
  const runs: string[] = [];
  const a = createLeaseKeeper({
    repo,
    holder: 'a',
    log: silentLogger,
    options: opts,
    now: () => now,
  });
  const b = createLeaseKeeper({
    repo,
    holder: 'b',
    log: silentLogger,
    options: opts,
    now: () => now,
  });
  const job = (who: string) => ({
    name: 'j',
    everyMs: 3_600_000,
    run: async () => void runs.push(who),
  });
  a.runOncePerFleet(job('a'));
  await tick();
  b.runOncePerFleet(job('b'));
  await tick();
  assert.deepEqual(runs, ['a'], 'only the first replica runs it');
  assert.equal(a.holds('j'), true);
  assert.equal(b.holds('j'), false);
  // a dies without releasing: its lease runs out, b's next attempt (same code path) takes over.
  now += 31_000;
  assert.equal(a.holds('j'), false, 'a stops trusting a lease it could not renew');
  const c = createLeaseKeeper({
    repo,
    holder: 'b',
    log: silentLogger,
    options: opts,
    now: () => now,
  });
  c.runOncePerFleet(job('b'));
  await tick();
  await tick();
  assert.deepEqual(runs, ['a', 'b']);
  for (const k of [a, b, c]) await k.close();
  assert.equal(await repo.holderOf('j'), null, 'released on close');
});
