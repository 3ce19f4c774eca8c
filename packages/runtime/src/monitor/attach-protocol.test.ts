import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  attachSocketPath,
  chunkInput,
  ctlFifoPath,
  decodeAttachPacket,
  resizeCtlLine,
} from './attach-protocol.js';
import { conmonArgs } from './conmon-args.js';

test('attach packets: the first byte names the stream', () => {
  assert.deepEqual(decodeAttachPacket(Buffer.from('\x02hi')), {
    stream: 'stdout',
    data: Buffer.from('hi'),
  });
  assert.deepEqual(decodeAttachPacket(Buffer.from('\x03err')), {
    stream: 'stderr',
    data: Buffer.from('err'),
  });
  assert.equal(decodeAttachPacket(Buffer.from('\x02')), null);
  assert.equal(decodeAttachPacket(Buffer.from('\x01x')), null);
  assert.equal(decodeAttachPacket(Buffer.alloc(0)), null);
});

test('stdin is cut into packets conmon reads whole', () => {
  const parts = chunkInput(Buffer.alloc(20_000, 1), 8192);
  assert.deepEqual(
    parts.map((p) => p.length),
    [8192, 8192, 3616],
  );
  assert.deepEqual(chunkInput(Buffer.alloc(0)), []);
});

test('ctl resize line and paths', () => {
  assert.equal(resizeCtlLine({ rows: 40, cols: 120 }), '1 40 120\n');
  assert.equal(attachSocketPath('/b'), '/b/attach');
  assert.equal(ctlFifoPath('/b'), '/b/ctl');
});

test('conmon args: -t for a terminal, -i --leave-stdin-open for open stdin', () => {
  const base = {
    conmonPath: '/usr/bin/conmon',
    id: 'c1',
    name: 'web',
    runtimeBinary: '/usr/sbin/runc',
    runtimeArgs: [],
    bundle: '/b',
    pidFile: '/b/pid',
    conmonPidFile: '/b/conmon.pid',
    logPath: '/c/ctr.log',
    exitDir: '/e',
    persistDir: '/b/persist',
    socketDir: '/s',
  };
  assert.ok(!conmonArgs(base).includes('-t'));
  assert.ok(!conmonArgs(base).includes('-i'));
  const a = conmonArgs({ ...base, terminal: true, stdin: true });
  assert.ok(a.includes('-t'));
  assert.ok(a.join(' ').includes('-i --leave-stdin-open'));
  // stdinOnce: the first client's end of input closes stdin
  const once = conmonArgs({ ...base, stdin: true, stdinOnce: true });
  assert.ok(once.includes('-i'));
  assert.ok(!once.includes('--leave-stdin-open'));
});
