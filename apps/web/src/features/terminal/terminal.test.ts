import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TERMINAL_FRAME_MAX_BYTES, TERMINAL_LOW_WATER_BYTES } from '@berth/protocol';
import { ACK_FLUSH_BYTES, createAckBatcher } from './ack-batcher.js';
import { asBytes, toInputFrames } from './input-frames.js';
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
