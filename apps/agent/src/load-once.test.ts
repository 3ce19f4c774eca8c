import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadOnce } from './load-once.js';

test('loadOnce: the first caller loads, every caller shares it; a failure is retried next time', async () => {
  let calls = 0;
  let fail = true;
  const get = loadOnce(async () => {
    calls++;
    if (fail) throw new Error('broken install');
    return { n: calls };
  });
  await assert.rejects(get(), /broken install/);
  fail = false;
  const [a, b] = await Promise.all([get(), get()]);
  assert.equal(a, b);
  assert.deepEqual(a, { n: 2 });
  assert.equal(await get(), a);
  assert.equal(calls, 2);
});
