import { test } from 'node:test';
import assert from 'node:assert/strict';
import { conmonExecArgs, execSessionPaths, parsePipeMessage } from './conmon-exec-args.js';
import { parseProcStat } from './proc-stat.js';

test('conmon exec args: the exec bundle is the session dir, exits inside it, runtime args joined', () => {
  const paths = execSessionPaths('/run/berth', '0123456789abcdef');
  assert.equal(paths.dir, '/run/berth/execs/0123456789abcdef');
  assert.ok(!paths.exitDir.startsWith('/run/berth/exits'));
  const a = conmonExecArgs({
    sessionId: '0123456789abcdef',
    containerId: 'c1',
    runtimeBinary: '/usr/sbin/runc',
    runtimeArgs: ['--root', '/run/berth/runc'],
    paths,
  });
  const after = (flag: string) => a[a.indexOf(flag) + 1];
  assert.equal(after('-c'), 'c1');
  assert.equal(after('-u'), '0123456789abcdef');
  assert.equal(after('--runtime-arg'), '--root=/run/berth/runc');
  assert.equal(after('-b'), paths.dir);
  assert.equal(after('--exit-dir'), paths.exitDir);
  assert.equal(after('--exec-process-spec'), paths.processSpec);
  for (const f of ['-t', '--exec', '--exec-attach', '--full-attach']) assert.ok(a.includes(f), f);
  assert.ok(!a.includes('-i'), 'input goes over the attach socket, no stdin pipe');
});

test('pipe messages: data and message, anything else is not one', () => {
  assert.deepEqual(parsePipeMessage('{"data": 4242}'), { data: 4242 });
  assert.deepEqual(parsePipeMessage('{"data": -1, "message": "no such container"}'), {
    data: -1,
    message: 'no such container',
  });
  assert.equal(parsePipeMessage('{"data": "x"}'), null);
  assert.equal(parsePipeMessage('not json'), null);
});

test('proc stat: a comm with spaces and parens, state, ppid and start time', () => {
  const line =
    '4242 (sh (x) y) S 4200 4242 4242 34816 4242 4194560 1 2 3 4 5 6 7 8 20 0 1 0 987654 1 2';
  assert.deepEqual(parseProcStat(line), { state: 'S', ppid: 4200, startTime: 987654 });
  assert.equal(parseProcStat('garbage'), null);
});
