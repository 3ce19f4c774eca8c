import { test } from 'node:test';
import assert from 'node:assert/strict';
import { joinPartials, matchesFilter, parseLogLine, type LogLine } from './log-line.js';
import { conmonArgs, parseSyncLine } from './conmon-args.js';
import { parseExitStatus } from './exit-file.js';

test('parseLogLine reads k8s-file lines and rejects junk', () => {
  const l = parseLogLine('2026-11-29T04:40:29.218552819+00:00 stdout F hello world');
  assert.equal(l?.stream, 'stdout');
  assert.equal(l?.partial, false);
  assert.equal(l?.text, 'hello world');
  assert.equal(l?.timeMs, Date.parse('2026-11-29T04:40:29.218Z'));
  assert.equal(parseLogLine('2026-11-29T04:40:29.2+00:00 stderr P ')?.text, '');
  assert.equal(parseLogLine('garbage'), null);
  assert.equal(parseLogLine('notatime stdout F x'), null);
});

test('joinPartials merges P..F per stream and carries open partials', () => {
  const L = (stream: 'stdout' | 'stderr', p: boolean, text: string): LogLine =>
    ({ time: 't', timeMs: 1, stream, partial: p, text }) as LogLine;
  const a = joinPartials([
    L('stdout', true, 'ab'),
    L('stderr', false, 'E'),
    L('stdout', true, 'cd'),
  ]);
  assert.deepEqual(
    a.entries.map((e) => e.text),
    ['E'],
  );
  const b = joinPartials([L('stdout', false, 'ef')], a.pending);
  assert.deepEqual(
    b.entries.map((e) => e.text),
    ['abcdef'],
  );
  assert.deepEqual(b.pending, {});
});

test('matchesFilter: streams and since/until', () => {
  const e = { time: 't', timeMs: 1000, stream: 'stderr' as const, text: '' };
  assert.equal(matchesFilter(e, { stderr: false }), false);
  assert.equal(matchesFilter(e, { stdout: false }), true);
  assert.equal(matchesFilter(e, { since: new Date(1001) }), false);
  assert.equal(matchesFilter(e, { until: new Date(999) }), false);
});

test('conmon args and sync line', () => {
  const a = conmonArgs({
    conmonPath: '/usr/bin/conmon',
    id: 'c1',
    name: 'web',
    runtimeBinary: '/usr/sbin/runc',
    runtimeArgs: ['--root', '/run/b/runc'],
    bundle: '/b',
    pidFile: '/b/pid',
    conmonPidFile: '/b/conmon.pid',
    logPath: '/c/ctr.log',
    logSizeMax: 1000,
    exitDir: '/run/b/exits',
    persistDir: '/b/persist',
    socketDir: '/run/b/socks',
  });
  assert.deepEqual(a.slice(0, 12), [
    '--api-version',
    '1',
    '-c',
    'c1',
    '-u',
    'c1',
    '-n',
    'web',
    '-r',
    '/usr/sbin/runc',
    '--runtime-arg',
    '--root=/run/b/runc',
  ]);
  assert.ok(
    a.join(' ').includes('-l k8s-file:/c/ctr.log --log-size-max 1000 --exit-dir /run/b/exits'),
  );
  assert.deepEqual(parseSyncLine('{"data": 1234}'), { pid: 1234 });
  assert.deepEqual(parseSyncLine('{"data": -1, "message": "oops"}'), { error: 'oops' });
  assert.ok('error' in parseSyncLine('nope'));
  assert.equal(parseExitStatus('137\n'), 137);
  assert.equal(parseExitStatus(''), null);
});
