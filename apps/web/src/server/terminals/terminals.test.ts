import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSessionTable, type TerminalSessionRecord } from './session-table.js';
import { closeDetail, commandForShell } from './terminal-command.js';

const rec = (sessionId: string, socketId: string, hostId: string): TerminalSessionRecord => ({
  sessionId,
  socketId,
  hostId,
  containerId: 'c',
  userId: 'u',
  username: 'op',
  authSessionId: 'login-1',
  ip: null,
  startedAt: 0,
  cmd: ['/bin/sh'],
});

test('session table: only the owning socket may use a session; take is idempotent', () => {
  const t = createSessionTable();
  t.add(rec('a', 's1', 'h1'));
  t.add(rec('b', 's1', 'h2'));
  t.add(rec('c', 's2', 'h1'));
  assert.throws(() => t.add(rec('a', 's9', 'h1')));
  assert.equal(t.owned('a', 's1')?.sessionId, 'a');
  assert.equal(t.owned('a', 's2'), undefined, 'another browser cannot type into it');
  assert.deepEqual(
    t.takeWhere((r) => r.hostId === 'h1').map((r) => r.sessionId),
    ['a', 'c'],
  );
  assert.deepEqual(
    t.takeBySocket('s1').map((r) => r.sessionId),
    ['b'],
  );
  assert.equal(t.take('b'), undefined);
  assert.equal(t.size(), 0);
});

test('session table: a page that goes away detaches its sessions; nobody steers a detached one', () => {
  const t = createSessionTable();
  t.add(rec('a', 's1', 'h1'));
  t.add(rec('b', 's2', 'h1'));
  assert.deepEqual(
    t.detachBySocket('s1').map((r) => r.sessionId),
    ['a'],
  );
  assert.equal(t.get('a')?.socketId, null);
  assert.equal(t.owned('a', 's1'), undefined);
  assert.equal(t.size(), 2, 'kept, for the page that comes back');
  assert.equal(
    t.countWhere((r) => r.socketId === null),
    1,
  );
});

test('shell choice → agent command; close detail has duration and exit code', () => {
  assert.equal(commandForShell('auto'), 'auto');
  assert.deepEqual(commandForShell('/bin/bash'), ['/bin/bash']);
  assert.deepEqual(commandForShell('/bin/sh'), ['/bin/sh']);
  const d = closeDetail({
    sessionId: 's',
    containerId: 'c',
    cmd: ['/bin/sh'],
    startedAt: Date.UTC(2026, 0, 1),
    endedAt: Date.UTC(2026, 0, 1) + 1500,
    exitCode: 3,
    reason: 'exited',
  });
  assert.equal(d.durationMs, 1500);
  assert.equal(d.exitCode, 3);
  assert.equal(d.startedAt, '2026-01-01T00:00:00.000Z');
  assert.equal(d.endedAt, '2026-01-01T00:00:01.500Z');
});
