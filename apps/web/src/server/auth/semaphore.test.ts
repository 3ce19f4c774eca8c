import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSemaphore } from './semaphore.js';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

test('runs at most `max` at once, queues up to `maxWaiting`, refuses the rest', async () => {
  const full = new Error('full');
  const sem = createSemaphore({ max: 2, maxWaiting: 1, onFull: () => full });
  const gates = [deferred(), deferred(), deferred()];
  const started: number[] = [];
  const runs = gates.map((g, i) =>
    sem.run(async () => {
      started.push(i);
      await g.promise;
      return i;
    }),
  );
  await Promise.resolve();
  assert.deepEqual(started, [0, 1]);
  assert.deepEqual(sem.load(), { running: 2, waiting: 1 });
  await assert.rejects(
    sem.run(async () => 9),
    (e) => e === full,
  );
  gates[0]!.resolve();
  assert.equal(await runs[0], 0);
  await Promise.resolve();
  assert.deepEqual(started, [0, 1, 2], 'the waiting task took the freed slot');
  gates[1]!.resolve();
  gates[2]!.resolve();
  assert.deepEqual(await Promise.all(runs), [0, 1, 2]);
  assert.deepEqual(sem.load(), { running: 0, waiting: 0 });
});

test('a failing task releases its slot', async () => {
  const sem = createSemaphore({ max: 1, maxWaiting: 0, onFull: () => new Error('full') });
  await assert.rejects(
    sem.run(() => Promise.reject(new Error('boom'))),
    /boom/,
  );
  assert.equal(await sem.run(async () => 'ok'), 'ok');
});
