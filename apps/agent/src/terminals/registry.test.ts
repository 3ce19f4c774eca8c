import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AgentEventName } from '@berth/protocol';
import { silentLogger } from '@berth/log';
import { TerminalRegistry } from './registry.js';
import type { TerminalBackend } from './registry.js';
import type { Pty } from './terminal-session.js';

/** A scripted PTY that records what the session does to it. */
class FakePty implements Pty {
  written: Buffer[] = [];
  sizes: { cols: number; rows: number }[] = [];
  paused = false;
  disposed = false;
  dataListeners = new Set<(d: Buffer) => void>();
  exitListeners = new Set<(e: { exitCode: number }) => void>();
  write(d: Buffer) {
    this.written.push(d);
  }
  resize(s: { cols: number; rows: number }) {
    this.sizes.push(s);
  }
  onData(l: (d: Buffer) => void) {
    this.dataListeners.add(l);
    return { dispose: () => void this.dataListeners.delete(l) };
  }
  onExit(l: (e: { exitCode: number }) => void) {
    this.exitListeners.add(l);
    return { dispose: () => void this.exitListeners.delete(l) };
  }
  pause() {
    this.paused = true;
  }
  resume() {
    this.paused = false;
  }
  dispose() {
    this.disposed = true;
  }
  output(d: string | Buffer) {
    for (const l of this.dataListeners) l(Buffer.from(d));
  }
  exit(code: number) {
    for (const l of this.exitListeners) l({ exitCode: code });
  }
}

function setup(opts: { bash?: boolean; stopped?: boolean; graceMs?: number } = {}) {
  const ptys: FakePty[] = [];
  const opened: string[][] = [];
  const events: { name: AgentEventName; payload: unknown }[] = [];
  const backend: TerminalBackend = {
    open: async (ref, o) => {
      if (ref === 'missing')
        throw Object.assign(new Error('no such container'), { code: 'NOT_FOUND' });
      opened.push(o.cmd);
      const pty = new FakePty();
      ptys.push(pty);
      return { containerId: `id-${ref}`, pty };
    },
    hasBash: async () => opts.bash ?? false,
    isStopped: async () => opts.stopped ?? false,
  };
  const reg = new TerminalRegistry({
    backend,
    emit: (name, payload) => events.push({ name, payload }),
    log: silentLogger,
    frameBytes: 4,
    frameDelayMs: 1,
    highWater: 8,
    lowWater: 2,
    maxSessions: 2,
    stopGraceMs: 50,
    graceMs: opts.graceMs ?? 60_000,
    scrollbackBytes: 64,
  });
  return { reg, ptys, opened, events };
}

const tick = () => new Promise((r) => setTimeout(r, 10));
const base = { containerId: 'c1', cmd: ['/bin/sh'], cols: 80, rows: 24 };

test('output becomes terminal.data frames; input and resize reach the PTY', async () => {
  const { reg, ptys, events } = setup();
  await reg.open({ ...base, sessionId: 's1' });
  const pty = ptys[0]!;
  pty.output('hello');
  await tick();
  const frames = events.filter((e) => e.name === 'terminal.data').map((e) => e.payload);
  assert.deepEqual(
    frames.map((f) => (f as { data: Buffer }).data.toString()),
    ['hell', 'o'],
  );
  // input reaches the PTY as bytes: a UTF-8 character split across frames, and bytes that are
  // no UTF-8 at all (xterm's onBinary: mouse reports, 8-bit keys), arrive unchanged
  const euro = Buffer.from('€');
  reg.input('s1', euro.subarray(0, 1));
  reg.input('s1', euro.subarray(1));
  const high = Buffer.from(Array.from({ length: 128 }, (_, i) => 0x80 + i));
  reg.input('s1', high);
  assert.deepEqual(Buffer.concat(pty.written), Buffer.concat([euro, high]));
  reg.resize('s1', 100, 40);
  assert.deepEqual(pty.sizes, [{ cols: 100, rows: 40 }]);
  assert.throws(() => reg.resize('nope', 1, 1), { code: 'NOT_FOUND' });
});

test('backpressure: the PTY pauses above the high-water mark and resumes on acks', async () => {
  const { reg, ptys } = setup();
  await reg.open({ ...base, sessionId: 's1' });
  const pty = ptys[0]!;
  pty.output('12345678'); // 8 bytes = high water, not above
  assert.equal(pty.paused, false);
  pty.output('9');
  await tick();
  assert.equal(pty.paused, true);
  reg.ack('s1', 5); // 4 unacked > low water 2
  assert.equal(pty.paused, true);
  reg.ack('s1', 2);
  assert.equal(pty.paused, false);
});

test('process exit → one terminal.exit with the code; listeners disposed; container stop → container-stopped', async () => {
  const { reg, ptys, events } = setup();
  await reg.open({ ...base, sessionId: 's1' });
  await reg.open({ ...base, sessionId: 's2', containerId: 'c2' });
  ptys[0]!.output('bye');
  ptys[0]!.exit(3);
  await tick();
  const exits = events.filter((e) => e.name === 'terminal.exit').map((e) => e.payload);
  assert.deepEqual(exits, [{ sessionId: 's1', exitCode: 3, reason: 'exited' }]);
  const order = events.map((e) => e.name);
  assert.ok(
    order.indexOf('terminal.data') < order.indexOf('terminal.exit'),
    'output flushed first',
  );
  assert.equal(ptys[0]!.disposed, true);
  assert.equal(ptys[0]!.dataListeners.size + ptys[0]!.exitListeners.size, 0);
  ptys[0]!.exit(3);
  reg.containerStopped('id-c2');
  reg.containerStopped('id-c2');
  const later = events.filter((e) => e.name === 'terminal.exit').map((e) => e.payload);
  assert.deepEqual(later.slice(1), [
    { sessionId: 's2', exitCode: null, reason: 'container-stopped' },
  ]);
  assert.equal(reg.size, 0);
});

test('an exec that dies with its container reports container-stopped', async () => {
  const { reg, ptys, events } = setup({ stopped: true });
  await reg.open({ ...base, sessionId: 's1' });
  ptys[0]!.exit(137);
  await tick();
  assert.deepEqual(events.at(-1)?.payload, {
    sessionId: 's1',
    exitCode: 137,
    reason: 'container-stopped',
  });
});

test('close and closeAll hang up without terminal.exit; ids are unique; sessions are bounded', async () => {
  const { reg, ptys, events } = setup();
  await reg.open({ ...base, sessionId: 's1' });
  await assert.rejects(reg.open({ ...base, sessionId: 's1' }), { code: 'ALREADY_EXISTS' });
  await reg.open({ ...base, sessionId: 's2' });
  await assert.rejects(reg.open({ ...base, sessionId: 's3' }), { code: 'RESOURCE_EXHAUSTED' });
  assert.equal(reg.close('s1'), true);
  assert.equal(reg.close('s1'), false);
  reg.closeAll();
  assert.equal(reg.size, 0);
  assert.ok(ptys.every((p) => p.disposed && p.dataListeners.size === 0));
  assert.equal(events.filter((e) => e.name === 'terminal.exit').length, 0);
  await assert.rejects(reg.open({ ...base, sessionId: 's4', containerId: 'missing' }), {
    code: 'NOT_FOUND',
  });
  await reg.open({ ...base, sessionId: 's4' }); // a failed open frees its id and slot
});

test("cmd 'auto' picks /bin/bash when present, else /bin/sh", async () => {
  const withBash = setup({ bash: true });
  assert.deepEqual((await withBash.reg.open({ ...base, sessionId: 'a', cmd: 'auto' })).cmd, [
    '/bin/bash',
  ]);
  const without = setup({ bash: false });
  await without.reg.open({ ...base, sessionId: 'a', cmd: 'auto' });
  assert.deepEqual(without.opened, [['/bin/sh']]);
});

test('an exec killed by a signal waits for the container: a stop in the grace period → container-stopped', async () => {
  const { reg, ptys, events } = setup();
  await reg.open({ ...base, sessionId: 's1' });
  ptys[0]!.exit(137);
  await tick();
  assert.equal(events.filter((e) => e.name === 'terminal.exit').length, 0, 'still waiting');
  reg.containerStopped('id-c1');
  assert.deepEqual(events.at(-1)?.payload, {
    sessionId: 's1',
    exitCode: 137,
    reason: 'container-stopped',
  });
});

test('a signal exit with the container still running is reported as exited after the grace', async () => {
  const { reg, ptys, events } = setup();
  await reg.open({ ...base, sessionId: 's1' });
  ptys[0]!.exit(130);
  await new Promise((r) => setTimeout(r, 120));
  assert.deepEqual(events.at(-1)?.payload, { sessionId: 's1', exitCode: 130, reason: 'exited' });
});

const dataOf = (events: { name: AgentEventName; payload: unknown }[], from = 0) =>
  Buffer.concat(
    events
      .slice(from)
      .filter((e) => e.name === 'terminal.data')
      .map((e) => (e.payload as { data: Buffer }).data),
  ).toString();

test('a detached session lives on: output goes to its scrollback, an attach replays it, then live output', async () => {
  const { reg, ptys, events } = setup();
  await reg.open({ ...base, sessionId: 's1' });
  const pty = ptys[0]!;
  pty.output('$ echo one\none\n');
  await tick();
  assert.equal(reg.detach('s1'), true);
  const before = events.length;
  pty.output('$ echo two\ntwo\n');
  await tick();
  assert.equal(dataOf(events, before), '', 'nothing is sent while no page is attached');
  assert.equal(pty.disposed, false, 'the shell still runs');
  // Flow control does not hold a detached PTY: it never waits on acks that cannot come.
  pty.output('x'.repeat(20));
  assert.equal(pty.paused, false);

  const attached = reg.attach('s1', 120, 30);
  assert.deepEqual(
    { ...attached, replayed: attached.replayed > 0 },
    { sessionId: 's1', cmd: ['/bin/sh'], containerId: 'id-c1', replayed: true },
  );
  assert.deepEqual(pty.sizes.at(-1), { cols: 120, rows: 30 });
  assert.equal(dataOf(events, before), `$ echo one\none\n$ echo two\ntwo\n${'x'.repeat(20)}`);
  const live = events.length;
  pty.output('three');
  await tick();
  assert.equal(dataOf(events, live), 'three');
  assert.throws(() => reg.attach('nope', 80, 24), { code: 'NOT_FOUND' });
  assert.equal(reg.detach('nope'), false);
});

test('a detached session no page comes back to ends after the grace time with reason expired', async () => {
  const { reg, ptys, events } = setup({ graceMs: 30 });
  await reg.open({ ...base, sessionId: 's1' });
  await reg.open({ ...base, sessionId: 's2', containerId: 'c2' });
  reg.detachAll();
  // s2's page comes back in time; s1's does not.
  reg.attach('s2', 80, 24);
  await new Promise((r) => setTimeout(r, 80));
  const exits = events.filter((e) => e.name === 'terminal.exit').map((e) => e.payload);
  assert.deepEqual(exits, [{ sessionId: 's1', exitCode: null, reason: 'expired' }]);
  assert.equal(ptys[0]!.disposed, true);
  assert.equal(ptys[1]!.disposed, false);
  assert.equal(reg.size, 1);
  // Closing a detached session stops its timer: no late exit event.
  reg.detach('s2');
  assert.equal(reg.close('s2'), true);
  await new Promise((r) => setTimeout(r, 60));
  assert.equal(events.filter((e) => e.name === 'terminal.exit').length, 1);
});

test('with no grace time a detach ends the session at once (no exit event)', async () => {
  const { reg, ptys, events } = setup({ graceMs: 0 });
  await reg.open({ ...base, sessionId: 's1' });
  assert.equal(reg.detach('s1'), false);
  assert.equal(ptys[0]!.disposed, true);
  assert.equal(reg.size, 0);
  assert.equal(events.filter((e) => e.name === 'terminal.exit').length, 0);
});

test('the scrollback is bounded: a flood while detached keeps only the newest bytes', async () => {
  const { reg, ptys, events } = setup();
  await reg.open({ ...base, sessionId: 's1' });
  reg.detach('s1');
  for (let i = 0; i < 1000; i++) ptys[0]!.output(`line ${i}\n`);
  const before = events.length;
  const { replayed } = reg.attach('s1', 80, 24);
  assert.ok(replayed <= 64, `replayed ${replayed} bytes`);
  assert.match(dataOf(events, before), /^line \d+\n(.|\n)*line 999\n$/);
});
