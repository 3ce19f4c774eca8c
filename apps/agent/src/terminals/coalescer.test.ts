import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OutputCoalescer } from './coalescer.js';
import type { Timers } from './coalescer.js';

/** Manual timers: `fire()` runs what is pending. */
function manualTimers(): Timers & { fire: () => void; pending: () => number } {
  const pending = new Map<number, () => void>();
  let next = 1;
  return {
    set: (fn) => {
      pending.set(next, fn);
      return next++;
    },
    clear: (h) => void pending.delete(h as number),
    fire: () => {
      for (const [h, fn] of [...pending]) {
        pending.delete(h);
        fn();
      }
    },
    pending: () => pending.size,
  };
}

test('small chunks are merged into one frame when the delay fires', () => {
  const timers = manualTimers();
  const frames: string[] = [];
  const c = new OutputCoalescer({
    maxBytes: 16,
    delayMs: 5,
    timers,
    emit: (f) => frames.push(f.toString()),
  });
  c.push(Buffer.from('ab'));
  c.push(Buffer.from('cd'));
  assert.equal(timers.pending(), 1, 'one timer per frame');
  assert.deepEqual(frames, []);
  timers.fire();
  assert.deepEqual(frames, ['abcd']);
  c.push(Buffer.from('e'));
  c.flush();
  assert.deepEqual(frames, ['abcd', 'e']);
  assert.equal(timers.pending(), 0, 'flush cancels the timer');
});

test('a full frame goes out at once; big chunks are split at maxBytes; bytes are kept in order', () => {
  const timers = manualTimers();
  const frames: Buffer[] = [];
  const c = new OutputCoalescer({ maxBytes: 4, delayMs: 5, timers, emit: (f) => frames.push(f) });
  c.push(Buffer.from('xy'));
  c.push(Buffer.from('0123456789'));
  assert.deepEqual(
    frames.map((f) => f.toString()),
    ['xy01', '2345', '6789'],
  );
  assert.equal(timers.pending(), 0, 'nothing left to flush later');
  c.push(Buffer.from('z'));
  timers.fire();
  assert.deepEqual(
    frames.map((f) => f.length),
    [4, 4, 4, 1],
  );
});

test('dispose drops buffered bytes and ignores later pushes', () => {
  const timers = manualTimers();
  const frames: Buffer[] = [];
  const c = new OutputCoalescer({ maxBytes: 8, delayMs: 5, timers, emit: (f) => frames.push(f) });
  c.push(Buffer.from('abc'));
  c.dispose();
  c.push(Buffer.from('def'));
  timers.fire();
  c.flush();
  assert.deepEqual(frames, []);
  assert.equal(timers.pending(), 0);
});
