import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DockerQuery } from '../http/query.js';
import { decodeFrames } from '../http/frames.js';
import { dockerTimestamp, encodeLogLine, parseLogsQuery } from './logs.js';

const q = (s: string) => new DockerQuery(new URLSearchParams(s));

test('logs query: streams, tail, since/until, follow, timestamps', () => {
  assert.deepEqual(parseLogsQuery(q('stdout=1&stderr=1&tail=all')), {
    follow: false,
    stdout: true,
    stderr: true,
    timestamps: false,
    tail: undefined,
    since: undefined,
    until: undefined,
  });
  const p = parseLogsQuery(
    q('stdout=true&follow=1&tail=5&since=1767225600.5&until=0&timestamps=1'),
  );
  assert.equal(p.tail, 5);
  assert.equal(p.follow, true);
  assert.equal(p.timestamps, true);
  assert.equal(p.since?.toISOString(), '2026-01-01T00:00:00.500Z');
  assert.equal(p.until, undefined);
  assert.equal(parseLogsQuery(q('stdout=1&tail=-1')).tail, undefined);
  assert.throws(() => parseLogsQuery(q('tail=5')), /you must choose at least one stream/);
  assert.throws(() => parseLogsQuery(q('stdout=1&tail=x')), /invalid value for tail/);
  assert.throws(() => parseLogsQuery(q('stdout=1&since=yesterday')), /invalid value for since/);
});

test('log lines: framed by stream without a TTY, raw with one, timestamps in Docker’s form', () => {
  const line = {
    stream: 'stderr' as const,
    time: '2026-01-01T00:00:00.123456789+00:00',
    text: 'oops',
  };
  const framed = decodeFrames(encodeLogLine(line, { timestamps: false, tty: false }));
  assert.deepEqual(
    framed.frames.map((f) => [f.stream, f.payload.toString()]),
    [['stderr', 'oops\n']],
  );
  assert.equal(
    encodeLogLine(line, { timestamps: true, tty: true }).toString(),
    '2026-01-01T00:00:00.123456789Z oops\n',
  );
  assert.equal(dockerTimestamp('2026-01-01T00:00:00.1Z'), '2026-01-01T00:00:00.1Z');
});
