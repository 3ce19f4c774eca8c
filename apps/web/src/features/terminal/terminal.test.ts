import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TERMINAL_FRAME_MAX_BYTES, TERMINAL_LOW_WATER_BYTES } from '@berth/protocol';
import { ACK_FLUSH_BYTES, createAckBatcher } from './ack-batcher.js';
import { asBytes, toInputFrames } from './input-frames.js';
import { chooseRenderer, parseRendererPreference } from './renderer-choice.js';
import { createOutputPacer, SYNC_BEGIN, SYNC_END } from './output-pacer.js';
import { skipEmptySelectionRedraws } from './selection-redraws.js';
import {
  retryDelayMs,
  shouldRetry,
  stateFromExit,
  stateFromOpenError,
  terminalStateLabel,
} from './terminal-state.js';

function fakeTimers() {
  const pending = new Map<number, () => void>();
  let next = 1;
  return {
    setTimer: (fn: () => void) => {
      pending.set(next, fn);
      return next++;
    },
    clearTimer: (h: unknown) => pending.delete(h as number),
    fire() {
      const fns = [...pending.values()];
      pending.clear();
      for (const f of fns) f();
    },
    count: () => pending.size,
  };
}

test('ack batcher: sends only consumed bytes, at the threshold at once, else after the delay', () => {
  const sent: number[] = [];
  const t = fakeTimers();
  const b = createAckBatcher({ send: (n) => sent.push(n), flushBytes: 100, ...t });
  b.consumed(30);
  b.consumed(20);
  assert.deepEqual(sent, [], 'nothing before the timer or threshold');
  assert.equal(b.pending(), 50);
  t.fire();
  assert.deepEqual(sent, [50]);
  b.consumed(60);
  b.consumed(60);
  assert.deepEqual(sent, [50, 120], 'threshold flushes synchronously');
  assert.equal(t.count(), 0, 'the timer of the flushed batch is cleared');
  b.consumed(0);
  t.fire();
  assert.deepEqual(sent, [50, 120], 'zero bytes never acked');
});

test('ack batcher: the default threshold is two full frames, below the agent low water', () => {
  const sent: number[] = [];
  const t = fakeTimers();
  const b = createAckBatcher({ send: (n) => sent.push(n), ...t });
  b.consumed(TERMINAL_FRAME_MAX_BYTES);
  assert.deepEqual(sent, [], 'one frame waits for the next one or the delay');
  b.consumed(TERMINAL_FRAME_MAX_BYTES);
  assert.deepEqual(sent, [2 * TERMINAL_FRAME_MAX_BYTES]);
  assert.ok(ACK_FLUSH_BYTES < TERMINAL_LOW_WATER_BYTES);
});

test('ack batcher: dispose drops pending bytes and sends nothing later', () => {
  const sent: number[] = [];
  const t = fakeTimers();
  const b = createAckBatcher({ send: (n) => sent.push(n), ...t });
  b.consumed(10);
  b.dispose();
  t.fire();
  b.consumed(5);
  b.flush();
  assert.deepEqual(sent, []);
});

test('input frames: split at the protocol maximum, never empty', () => {
  const bytes = new Uint8Array(10);
  assert.deepEqual(
    toInputFrames(bytes, 4).map((f) => f.byteLength),
    [4, 4, 2],
  );
  assert.deepEqual(toInputFrames(new Uint8Array(0)), []);
  assert.equal(toInputFrames(new Uint8Array(64 * 1024 + 1)).length, 2);
  const ab = new Uint8Array([1, 2, 3]).buffer;
  assert.deepEqual([...asBytes(ab)], [1, 2, 3]);
});

test('terminal states read as the issue names them', () => {
  assert.equal(terminalStateLabel({ kind: 'connected', cmd: ['/bin/sh'] }), 'connected');
  assert.equal(terminalStateLabel({ kind: 'exited', exitCode: 3 }), 'process exited (code 3)');
  assert.equal(terminalStateLabel({ kind: 'container-stopped' }), 'container stopped');
  assert.equal(terminalStateLabel({ kind: 'connection-lost' }), 'connection lost — reconnecting');
  assert.equal(terminalStateLabel({ kind: 'not-allowed' }), 'not allowed');
  assert.equal(
    terminalStateLabel({ kind: 'session-ended', message: 'session ended: logged out' }),
    'session ended: logged out',
  );
  assert.deepEqual(stateFromExit('exited', 0), { kind: 'exited', exitCode: 0 });
  assert.deepEqual(stateFromExit('container-stopped', null), { kind: 'container-stopped' });
  assert.deepEqual(stateFromExit('error', null, 'boom'), { kind: 'error', message: 'boom' });
  assert.deepEqual(stateFromOpenError('PERMISSION_DENIED', 'x'), { kind: 'not-allowed' });
  assert.deepEqual(stateFromOpenError('UNAVAILABLE', 'offline'), { kind: 'connection-lost' });
  assert.deepEqual(stateFromOpenError('FAILED_PRECONDITION', 'container is not running'), {
    kind: 'container-stopped',
  });
  assert.equal(stateFromOpenError('NOT_FOUND', 'no such container').kind, 'error');
  assert.equal(shouldRetry({ kind: 'connection-lost' }), true);
  assert.equal(shouldRetry({ kind: 'exited', exitCode: 0 }), false);
  assert.deepEqual([0, 1, 2, 3, 9].map(retryDelayMs), [1000, 2000, 4000, 5000, 5000]);
});

test('resume store: per host and container, survives garbage, forgets on clear', async () => {
  const { resumeStore } = await import('./resume-store.js');
  const m = new Map<string, string>();
  const storage = {
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
    removeItem: (k: string) => void m.delete(k),
  };
  const a = resumeStore(storage, 'h1', 'c1');
  const b = resumeStore(storage, 'h1', 'c2');
  assert.equal(a.get(), null);
  a.set({ sessionId: 's-1', shell: '/bin/sh' });
  assert.deepEqual(a.get(), { sessionId: 's-1', shell: '/bin/sh' });
  assert.equal(b.get(), null, 'another container has its own');
  m.set('berth.terminal:h1:c2', '{not json');
  assert.equal(b.get(), null);
  m.set('berth.terminal:h1:c2', '{"sessionId":42}');
  assert.equal(b.get(), null);
  a.clear();
  assert.equal(a.get(), null);
  assert.equal(resumeStore(null, 'h', 'c').get(), null, 'no storage: nothing to resume');
});

test('terminal states: ended, expired and elsewhere say so', () => {
  assert.equal(terminalStateLabel({ kind: 'ended' }), 'session ended');
  assert.equal(
    terminalStateLabel(stateFromExit('expired', null)),
    'session ended: nobody came back to it in time',
  );
  assert.equal(terminalStateLabel({ kind: 'elsewhere' }), 'open in another tab');
});

test('renderer: WebGL only when a GPU draws it, unless the preference forces one', () => {
  const swiftShader =
    'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)';
  const gpu = 'ANGLE (Intel, Mesa Intel(R) UHD Graphics 620 (KBL GT2), OpenGL 4.6)';
  assert.equal(chooseRenderer('auto', gpu), 'webgl');
  assert.equal(chooseRenderer('auto', swiftShader), 'dom');
  assert.equal(chooseRenderer('auto', 'llvmpipe (LLVM 15.0.6, 256 bits)'), 'dom');
  assert.equal(chooseRenderer('auto', 'Microsoft Basic Render Driver'), 'dom');
  assert.equal(chooseRenderer('auto', null), 'dom', 'no WebGL at all');
  assert.equal(chooseRenderer('webgl', swiftShader), 'webgl', 'forced');
  assert.equal(chooseRenderer('dom', gpu), 'dom', 'forced');
  assert.equal(parseRendererPreference('dom'), 'dom');
  assert.equal(parseRendererPreference('webgl'), 'webgl');
  assert.equal(parseRendererPreference(null), 'auto');
  assert.equal(
    parseRendererPreference('canvas'),
    'auto',
    'an unknown value is the automatic choice',
  );
});

/** A fake xterm: records writes in order; `process()` runs the oldest pending write callback. */
function fakeXterm() {
  const writes: (string | number)[] = [];
  const pending: (() => void)[] = [];
  let sync = false;
  return {
    term: {
      write(data: Uint8Array | string, done?: () => void) {
        if (typeof data === 'string') {
          writes.push(data);
          if (data === SYNC_BEGIN) sync = true;
          if (data === SYNC_END) sync = false;
        } else {
          writes.push(data.byteLength);
          pending.push(done ?? (() => {}));
        }
      },
      syncOutputOn: () => sync,
    },
    writes,
    process() {
      pending.shift()?.();
    },
    inFlight: () => pending.length,
    setProgramSync(on: boolean) {
      sync = on;
    },
  };
}

test('output pacer: small output goes straight through, acked once processed', () => {
  const x = fakeXterm();
  const t = fakeTimers();
  const acked: number[] = [];
  const p = createOutputPacer({ term: x.term, consumed: (n) => acked.push(n), ...t });
  p.push(new Uint8Array(10));
  p.push(new Uint8Array(20));
  assert.deepEqual(x.writes, [10, 20]);
  assert.deepEqual(acked, [], 'nothing acked before xterm processed it');
  x.process();
  x.process();
  assert.deepEqual(acked, [10, 20]);
  assert.equal(p.paced(), false);
  assert.equal(t.count(), 0);
});

test('output pacer: at most maxInFlight frames ahead of xterm; the rest waits, in order', () => {
  const x = fakeXterm();
  const acked: number[] = [];
  const p = createOutputPacer({ term: x.term, consumed: (n) => acked.push(n), maxInFlight: 2 });
  for (let i = 1; i <= 5; i++) p.push(new Uint8Array(i));
  assert.deepEqual(x.writes, [1, 2]);
  x.process();
  assert.deepEqual(x.writes, [1, 2, 3], 'one processed, one more handed over');
  while (x.inFlight() > 0) x.process();
  assert.deepEqual(x.writes, [1, 2, 3, 4, 5]);
  assert.deepEqual(acked, [1, 2, 3, 4, 5]);
});

test('output pacer: a flood holds drawing back and lets one frame through per interval', () => {
  const x = fakeXterm();
  const t = fakeTimers();
  const p = createOutputPacer({
    term: x.term,
    consumed: () => {},
    floodBytes: 100,
    frameMs: 50,
    ...t,
  });
  p.push(new Uint8Array(60));
  x.process();
  assert.equal(p.paced(), false, 'below the flood threshold');
  p.push(new Uint8Array(60));
  assert.equal(p.paced(), true);
  assert.deepEqual(x.writes, [60, SYNC_BEGIN, 60], 'synchronized output starts before the frame');
  x.process();
  p.push(new Uint8Array(500));
  assert.equal(x.writes.filter((w) => w === SYNC_BEGIN).length, 1, 'held once');
  p.rendered();
  assert.equal(p.paced(), true, 'a render while held does not end it');
  t.fire();
  assert.equal(x.writes.at(-1), SYNC_END, 'the interval ends it: xterm draws one frame');
  assert.equal(p.paced(), false);
  x.process();
  p.push(new Uint8Array(500));
  assert.equal(x.writes.at(-1), 500, 'not held again before that frame was drawn');
  x.process();
  p.rendered();
  p.push(new Uint8Array(500));
  assert.deepEqual(x.writes.slice(-2), [SYNC_BEGIN, 500], 'held again after it');
});

test('output pacer: leaves a program that turned synchronized output on itself alone', () => {
  const x = fakeXterm();
  const t = fakeTimers();
  const p = createOutputPacer({ term: x.term, consumed: () => {}, floodBytes: 10, ...t });
  x.setProgramSync(true);
  p.push(new Uint8Array(50));
  assert.equal(p.paced(), false);
  assert.deepEqual(x.writes, [50]);
  assert.equal(t.count(), 0);
});

test('output pacer: dispose hands over what waits, ends a held frame and stops acking', () => {
  const x = fakeXterm();
  const t = fakeTimers();
  const acked: number[] = [];
  const p = createOutputPacer({
    term: x.term,
    consumed: (n) => acked.push(n),
    floodBytes: 10,
    maxInFlight: 1,
    ...t,
  });
  p.push(new Uint8Array(20));
  p.push(new Uint8Array(30));
  assert.equal(p.paced(), true);
  p.dispose();
  assert.deepEqual(x.writes, [SYNC_BEGIN, 20, 30, SYNC_END], 'nothing that arrived is lost');
  assert.equal(t.count(), 0, 'timer cleared');
  x.process();
  assert.deepEqual(acked, [], 'a session let go is not acked');
  p.push(new Uint8Array(5));
  assert.equal(x.writes.length, 4, 'nothing after dispose');
});

test('selection redraws: skipped with no selection before or after, passed on otherwise', () => {
  const calls: unknown[] = [];
  const service = {
    _selectionState: {} as { start?: [number, number]; end?: [number, number] },
    handleSelectionChanged(
      start: [number, number] | undefined,
      end: [number, number] | undefined,
      column: boolean,
    ) {
      calls.push([start, end, column]);
      this._selectionState = { start, end };
    },
  };
  const term = { _core: { _renderService: service } };
  assert.equal(skipEmptySelectionRedraws(term), true);
  service.handleSelectionChanged(undefined, undefined, false);
  assert.equal(calls.length, 0, 'no selection, none before: nothing to redraw');
  service.handleSelectionChanged([3, 7], [3, 7], false);
  assert.equal(calls.length, 0, 'a click leaves a selection of no length: nothing to redraw');
  service.handleSelectionChanged([0, 1], [4, 1], false);
  assert.equal(calls.length, 1, 'a selection made');
  service.handleSelectionChanged(undefined, undefined, false);
  assert.equal(calls.length, 2, 'a selection cleared');
  service.handleSelectionChanged(undefined, undefined, false);
  assert.equal(calls.length, 2);
  assert.equal(skipEmptySelectionRedraws({}), false, 'another xterm: left alone');
  assert.equal(skipEmptySelectionRedraws({ _core: { _renderService: {} } }), false);
});
