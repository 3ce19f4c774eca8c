import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bulkHeadline, runAll } from './bulk-run.js';

const items = ['a', 'b', 'c', 'd', 'e'].map((n) => ({ id: n, name: n, hostName: 'box' }));

test('bulk: every item runs, every failure is reported with its name, host and reason', async () => {
  const ran: string[] = [];
  let running = 0;
  let most = 0;
  const report = await runAll(
    'stop',
    items,
    async (item) => {
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, 5));
      running--;
      ran.push(item.name);
      if (item.name === 'b' || item.name === 'e') throw new Error(`host box is offline`);
    },
    2,
  );
  assert.deepEqual([...ran].sort(), ['a', 'b', 'c', 'd', 'e']);
  assert.ok(most <= 2, 'at most `limit` at a time');
  assert.deepEqual(
    report.failures.map((f) => [f.name, f.hostName, f.message]),
    [
      ['b', 'box', 'host box is offline'],
      ['e', 'box', 'host box is offline'],
    ],
  );
  assert.equal(bulkHeadline(report), 'Stop: 3 of 5 done, 2 failed');
  assert.equal(bulkHeadline({ ...report, failures: [] }), 'Stop: all 5 done');
  assert.deepEqual((await runAll('start', [], async () => undefined)).failures, []);
});
