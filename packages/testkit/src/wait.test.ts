import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { freePort } from './ports.js';
import { waitFor } from './wait.js';

test('waitFor: returns the first defined value, retrying throws', async () => {
  let n = 0;
  const v = await waitFor(
    'three tries',
    async () => {
      n++;
      if (n === 1) throw new Error('not yet');
      return n === 3 ? 'done' : undefined;
    },
    { intervalMs: 1 },
  );
  assert.equal(v, 'done');
  assert.equal(n, 3);
});

test('waitFor: giveUp fails at once; a timeout quotes the last error', async () => {
  let calls = 0;
  await assert.rejects(
    waitFor('x', async () => void calls++, { giveUp: () => 'it exited' }),
    /gave up waiting for x: it exited/,
  );
  assert.equal(calls, 0);
  await assert.rejects(
    waitFor(
      'y',
      async () => {
        throw new Error('ECONNREFUSED');
      },
      { timeoutMs: 0 },
    ),
    /waiting for y: ECONNREFUSED/,
  );
});

test('freePort: a port that can be bound on 127.0.0.1', async () => {
  const port = await freePort();
  const srv = createServer();
  await new Promise<void>((resolve, reject) => {
    srv.once('error', reject);
    srv.listen(port, '127.0.0.1', resolve);
  });
  await new Promise<void>((r) => srv.close(() => r()));
});
