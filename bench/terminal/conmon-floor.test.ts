import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { lineReader } from './conmon-floor.js';

test("conmon's pipe messages are read in order, split or merged across chunks", async () => {
  const pipe = new PassThrough();
  const next = lineReader(pipe, 'sync');
  pipe.write('{"data": 41');
  pipe.write('17}\n{"data": 0}\n{"da');
  assert.equal(await next(), 4117);
  assert.equal(await next(), 0);
  const third = next();
  pipe.write('ta": -1, "message": "exec failed"}\n');
  assert.equal(await third, -1);
});

test('a message read before anyone asked is not lost; the end rejects the next one', async () => {
  const pipe = new PassThrough();
  const next = lineReader(pipe, 'sync');
  pipe.end('{"data": 7}\n');
  await new Promise((r) => setImmediate(r));
  assert.equal(await next(), 7);
  await assert.rejects(next(), /sync pipe ended/);
});
