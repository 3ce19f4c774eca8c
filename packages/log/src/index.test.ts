import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLogger } from './index.js';

function capture(level?: 'debug' | 'info' | 'warn' | 'error') {
  const lines: string[] = [];
  const log = createLogger({ name: 'agent', level, write: (l) => lines.push(l) });
  const records = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  return { log, lines, records };
}

test('one JSON object per line: level by name, ISO time, name, msg, then the fields', () => {
  const { log, lines, records } = capture();
  log.info('API listening on unix:/run/berth.sock', { port: 8443 });
  assert.equal(lines.length, 1);
  assert.ok(lines[0]!.endsWith('\n'));
  const [r] = records();
  assert.equal(r!.level, 'info');
  assert.equal(r!.name, 'agent');
  assert.equal(r!.msg, 'API listening on unix:/run/berth.sock');
  assert.equal(r!.port, 8443);
  assert.ok(!Number.isNaN(Date.parse(String(r!.time))));
  assert.equal(new Date(String(r!.time)).toISOString(), r!.time);
});

test('records below the level are dropped', () => {
  const { log, records } = capture('warn');
  log.debug('a');
  log.info('b');
  log.warn('c');
  log.error('d', {});
  assert.deepEqual(
    records().map((r) => [r.level, r.msg]),
    [
      ['warn', 'c'],
      ['error', 'd'],
    ],
  );
});

test('debug is there when asked for', () => {
  const { log, records } = capture('debug');
  log.debug('x', { a: 1 });
  assert.deepEqual(
    records().map((r) => [r.level, r.msg, r.a]),
    [['debug', 'x', 1]],
  );
});
