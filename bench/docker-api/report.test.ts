import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ratioRows, ratioTable } from './report.js';

test('ratios are of medians, Berth over Docker, with the target verdict', () => {
  const rows = ratioRows([
    { op: 'run -d', docker: [100, 300, 200], berth: [50, 40, 60], target: 0.4 },
    { op: 'stop + rm', docker: [10, 10], berth: [20, 20] },
  ]);
  assert.deepEqual(rows[0], {
    op: 'run -d',
    dockerMedianMs: 200,
    berthMedianMs: 50,
    ratio: 0.25,
    target: 0.4,
    met: true,
  });
  assert.equal(rows[1]!.ratio, 2);
  assert.equal(rows[1]!.met, null);
  const text = ratioTable(rows);
  assert.match(text, /run -d\s+200 ms\s+50 ms\s+0\.25×\s+≤ 0\.4× met/);
  assert.match(text, /stop \+ rm\s+10 ms\s+20 ms\s+2\.00×\s*$/m);
});
