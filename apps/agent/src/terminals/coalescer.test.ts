import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OutputCoalescer } from './coalescer.js';
import type { Timers } from './coalescer.js';

/** Manual timers: `turn()` runs the pending `soon` callbacks, `fire()` the pending timeouts. */
function manualTimers() {
  const timeouts = new Map<number, () => void>();
  const soons = new Map<number, () => void>();
  let next = 1;
  const run = (m: Map<number, () => void>) => {
    for (const [h, fn] of [...m]) {
      m.delete(h);
      fn();
    }
  };
  const timers: Timers = {
    set: (fn) => (timeouts.set(next, fn), next++),
    clear: (h) => void timeouts.delete(h as number),
    soon: (fn) => (soons.set(next, fn), next++),
    clearSoon: (h) => void soons.delete(h as number),
  };
  return {
    timers,
    turn: () => run(soons),
    fire: () => run(timeouts),
    pending: () => ({ soon: soons.size, timeouts: timeouts.size }),
  };
}

function setup(maxBytes: number, streamBytes: number) {
  const t = manualTimers();
  const frames: string[] = [];
  const c = new OutputCoalescer({
    maxBytes,
    delayMs: 5,
    streamBytes,
    timers: t.timers,
    emit: (f) => frames.push(f.toString()),
  });
  return { ...t, frames, c };
}

test('idle: the first bytes go out on the next turn, with what else was read in the same phase', () => {
  const { c, frames, turn, pending } = setup(16, 8);
  c.push(Buffer.from('a'));
  c.push(Buffer.from('b'));
  assert.deepEqual(frames, [], 'not synchronously');
  assert.deepEqual(pending(), { soon: 1, timeouts: 0 }, 'no delay timer for an echo');
  turn();
  assert.deepEqual(frames, ['ab']);
  assert.equal(c.streaming, false, 'a small frame does not start a hold');
  c.push(Buffer.from('c'));
  turn();
  assert.deepEqual(frames, ['ab', 'c'], 'the next echo is not held either');
  assert.deepEqual(pending(), { soon: 0, timeouts: 0 });
});

test('streaming: after a big frame bytes are held until the delay or maxBytes, then idle again', () => {
  const { c, frames, turn, fire, pending } = setup(16, 8);
  c.push(Buffer.from('0123456789'));
  turn();
  assert.deepEqual(frames, ['0123456789']);
  assert.equal(c.streaming, true);
  c.push(Buffer.from('ab'));
  c.push(Buffer.from('cd'));
  turn();
  assert.deepEqual(frames.length, 1, 'held while streaming');
  assert.deepEqual(pending(), { soon: 0, timeouts: 1 });
  fire();
  assert.deepEqual(frames, ['0123456789', 'abcd']);
  assert.equal(c.streaming, false, 'the held frame was small: idle');
  c.push(Buffer.from('e'));
  turn();
  assert.deepEqual(frames.at(-1), 'e', 'idle again: next turn');
});

test('streaming continues while held frames stay big; a quiet delay ends it', () => {
  const { c, frames, turn, fire } = setup(16, 4);
  c.push(Buffer.from('xxxxxx'));
  turn();
  c.push(Buffer.from('yyyyyy'));
  fire();
  assert.deepEqual(frames, ['xxxxxx', 'yyyyyy']);
  assert.equal(c.streaming, true);
  fire();
  assert.equal(frames.length, 2, 'nothing buffered: no empty frame');
  assert.equal(c.streaming, false);
});

test('a full frame goes out at once; big chunks are split at maxBytes; bytes are kept in order', () => {
  const { c, frames, fire, pending } = setup(4, 4);
  c.push(Buffer.from('xy'));
  c.push(Buffer.from('0123456789'));
  assert.deepEqual(frames, ['xy01', '2345', '6789']);
  assert.equal(c.streaming, true, 'full frames start a hold');
  assert.deepEqual(pending(), { soon: 0, timeouts: 1 });
  c.push(Buffer.from('z'));
  fire();
  assert.deepEqual(frames, ['xy01', '2345', '6789', 'z']);
});

test('flush sends at once and cancels the timers; dispose drops buffered bytes', () => {
  const { c, frames, turn, fire, pending } = setup(16, 2);
  c.push(Buffer.from('abc'));
  c.flush();
  assert.deepEqual(frames, ['abc']);
  assert.deepEqual(pending(), { soon: 0, timeouts: 0 });
  c.push(Buffer.from('def'));
  c.dispose();
  c.push(Buffer.from('ghi'));
  turn();
  fire();
  c.flush();
  assert.deepEqual(frames, ['abc']);
  assert.deepEqual(pending(), { soon: 0, timeouts: 0 });
});

test('a chunk that fits a frame but not what is left of this one goes whole into the next', () => {
  const t = manualTimers();
  const frames: Buffer[] = [];
  const c = new OutputCoalescer({
    maxBytes: 4,
    delayMs: 5,
    streamBytes: 4,
    timers: t.timers,
    emit: (f) => frames.push(f),
  });
  c.push(Buffer.from('xy'));
  const whole = Buffer.from('0123');
  c.push(whole);
  assert.deepEqual(
    frames.map((f) => f.toString()),
    ['xy', '0123'],
  );
  assert.equal(frames[1], whole, 'sent as it came: not copied');
  c.push(Buffer.from('ab'));
  c.push(Buffer.from('c'));
  t.fire();
  assert.deepEqual(
    frames.map((f) => f.toString()),
    ['xy', '0123', 'abc'],
    'small chunks still share a frame',
  );
});
