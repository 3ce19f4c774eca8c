import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRollupWriter } from './rollup-writer.js';
import type { RollupRow } from './rollups-repo.js';

const row = (containerId: string, minute: number, samples = 60): RollupRow => ({
  containerId,
  minute,
  samples,
  cpuPercentAvg: 1,
  cpuPercentMax: 2,
  memoryUsageAvg: 10,
  memoryUsageMax: 20,
  memoryWorkingSet: 8,
  memoryLimit: null,
  ioReadBytes: 0,
  ioWriteBytes: 0,
  netRxBytes: null,
  netTxBytes: null,
  pidsMax: 1,
});

function recorder(fail = () => false) {
  const writes: RollupRow[][] = [];
  const errors: number[] = [];
  const sink = {
    writeMany(rows: RollupRow[]) {
      if (fail()) return Promise.reject(new Error('database down'));
      writes.push(rows);
      return Promise.resolve();
    },
  };
  return { writes, errors, sink, onError: (_e: unknown, n: number) => errors.push(n) };
}

test('rollup writer: every host pass of a tick goes into one write', async () => {
  const r = recorder();
  const w = createRollupWriter({ ...r, flushMs: 3_600_000 });
  for (let host = 0; host < 100; host++) {
    w.add(Array.from({ length: 100 }, (_, c) => row(`h${host}:c${c}`, 60_000)));
  }
  assert.equal(r.writes.length, 0, 'nothing written before the tick');
  await w.flush();
  assert.equal(r.writes.length, 1);
  assert.equal(r.writes[0]!.length, 10_000);
  await w.flush();
  assert.equal(r.writes.length, 1, 'an empty tick writes nothing');
  await w.close();
});

test('rollup writer: a container-minute added twice is written once, the later one', async () => {
  const r = recorder();
  const w = createRollupWriter({ ...r, flushMs: 3_600_000 });
  w.add([row('h:a', 0, 30), row('h:b', 0)]);
  w.add([row('h:a', 0, 59)]);
  await w.close();
  assert.deepEqual(
    r.writes[0]!.map((x) => [x.containerId, x.samples]),
    [
      ['h:b', 60],
      ['h:a', 59],
    ],
  );
});

test('rollup writer: a full buffer flushes without waiting for the tick', async () => {
  const r = recorder();
  const w = createRollupWriter({ ...r, flushMs: 3_600_000, flushRows: 3 });
  w.add([row('h:a', 0), row('h:b', 0)]);
  assert.equal(w.pending, 2);
  w.add([row('h:c', 0)]);
  await w.flush();
  assert.equal(r.writes.length, 1);
  assert.equal(r.writes[0]!.length, 3);
  await w.close();
});

test('rollup writer: a failed write is retried at the next tick, bounded, newer rows win', async () => {
  let down = true;
  const r = recorder(() => down);
  const w = createRollupWriter({ ...r, flushMs: 3_600_000, maxPending: 3 });
  w.add([row('h:a', 0, 1), row('h:b', 0, 1)]);
  await w.flush();
  assert.deepEqual(r.errors, [2]);
  assert.equal(w.pending, 2);
  w.add([row('h:b', 0, 2), row('h:c', 0, 2), row('h:d', 0, 2)]);
  assert.equal(w.pending, 3, 'the oldest row is dropped beyond maxPending');
  down = false;
  await w.close();
  assert.deepEqual(
    r.writes[0]!.map((x) => [x.containerId, x.samples]),
    [
      ['h:b', 2],
      ['h:c', 2],
      ['h:d', 2],
    ],
  );
});
