import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseMemoryLine, parseTickLine, summarizeTicks } from './agent-log.js';

test('parseTickLine reads the sampler cost line and ignores others', () => {
  assert.deepEqual(
    parseTickLine(
      '2026-11-29T05:53:10.123Z debug stats: 10 ticks, 200 containers, mean 12.5 ms, max 40.0 ms',
    ),
    {
      at: Date.parse('2026-11-29T05:53:10.123Z'),
      ticks: 10,
      containers: 200,
      meanMs: 12.5,
      maxMs: 40,
      cpuMeanMs: null,
    },
  );
  assert.equal(
    parseTickLine(
      '2026-11-29T05:53:10.123Z debug stats: 10 ticks, 200 containers, mean 12.5 ms, max 40.0 ms, cpu mean 3.5 ms',
    )?.cpuMeanMs,
    3.5,
  );
  assert.equal(
    parseTickLine(
      '2026-11-29T05:53:10.123Z info  stats: 10 ticks, 2 containers, mean 1 ms, max 1 ms',
    ),
    null,
  );
  assert.equal(parseTickLine('2026-11-29T05:53:10.123Z debug something else'), null);
});

test("parseTickLine reads the agent's JSON lines (@berth/log)", () => {
  const line = (level: string, msg: string) =>
    JSON.stringify({ level, time: '2026-12-06T20:00:00.000Z', name: 'agent', msg });
  assert.deepEqual(
    parseTickLine(
      line('debug', 'stats: 10 ticks, 200 containers, mean 12.5 ms, max 40.0 ms, cpu mean 3.5 ms'),
    ),
    {
      at: Date.parse('2026-12-06T20:00:00.000Z'),
      ticks: 10,
      containers: 200,
      meanMs: 12.5,
      maxMs: 40,
      cpuMeanMs: 3.5,
    },
  );
  assert.equal(
    parseTickLine(line('info', 'stats: 10 ticks, 2 containers, mean 1 ms, max 1 ms')),
    null,
  );
  assert.equal(parseTickLine('{not json'), null);
});

test('summarizeTicks weights means by ticks and keeps the max', () => {
  const r = (
    ticks: number,
    meanMs: number,
    maxMs: number,
    containers = 200,
    cpuMeanMs: number | null = null,
  ) => ({
    at: 0,
    ticks,
    containers,
    meanMs,
    maxMs,
    cpuMeanMs,
  });
  const s = summarizeTicks([r(10, 10, 20), r(30, 30, 90, 200, 4), r(10, 20, 25, 199, 2)]);
  assert.deepEqual(s, {
    reports: 3,
    ticks: 50,
    containers: 199,
    meanMs: 24,
    maxMs: 90,
    medianOfMeansMs: 20,
    cpuMeanMs: 3.5,
  });
  assert.equal(summarizeTicks([]), null);
});

test("parseMemoryLine reads the agent's SIGUSR2 breakdown and ignores others", () => {
  const line = (level: string, msg: string) =>
    JSON.stringify({ level, time: '2026-12-06T22:50:00.000Z', name: 'agent', msg });
  assert.equal(
    parseMemoryLine(line('info', 'memory: rss 81.0 MB, heap used 24.4 of 26.1')),
    'rss 81.0 MB, heap used 24.4 of 26.1',
  );
  assert.equal(parseMemoryLine(line('debug', 'memory: rss 81.0 MB')), null);
  assert.equal(parseMemoryLine(line('info', 'stats: 10 ticks')), null);
  assert.equal(parseMemoryLine('memory: rss 81.0 MB'), null);
  assert.equal(parseMemoryLine('{not json'), null);
});
