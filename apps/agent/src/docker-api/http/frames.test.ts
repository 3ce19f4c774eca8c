import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeFrames, encodeFrames, MAX_FRAME_PAYLOAD } from './frames.js';

test('a frame is stream id, three zeros, big-endian length, payload', () => {
  const f = encodeFrames('stdout', Buffer.from('hi\n'));
  assert.deepEqual([...f], [1, 0, 0, 0, 0, 0, 0, 3, 0x68, 0x69, 0x0a]);
  assert.equal(encodeFrames('stderr', Buffer.from('x'))[0], 2);
  assert.equal(encodeFrames('stdout', Buffer.alloc(0)).length, 0);
});

test('large payloads are split into frames of at most 1 MiB', () => {
  const big = Buffer.alloc(MAX_FRAME_PAYLOAD * 2 + 5, 7);
  const { frames, rest } = decodeFrames(encodeFrames('stdout', big));
  assert.deepEqual(
    frames.map((f) => f.payload.length),
    [MAX_FRAME_PAYLOAD, MAX_FRAME_PAYLOAD, 5],
  );
  assert.equal(rest.length, 0);
  assert.ok(Buffer.concat(frames.map((f) => f.payload)).equals(big));
});

test('decoding keeps an incomplete tail and refuses a non-multiplexed stream', () => {
  const two = Buffer.concat([
    encodeFrames('stdout', Buffer.from('out')),
    encodeFrames('stderr', Buffer.from('err')),
  ]);
  const partial = decodeFrames(two.subarray(0, two.length - 2));
  assert.deepEqual(
    partial.frames.map((f) => [f.stream, f.payload.toString()]),
    [['stdout', 'out']],
  );
  assert.equal(partial.rest.length, 9);
  const whole = decodeFrames(Buffer.concat([partial.rest, two.subarray(two.length - 2)]));
  assert.deepEqual(
    whole.frames.map((f) => f.payload.toString()),
    ['err'],
  );
  assert.throws(() => decodeFrames(Buffer.from('hello world')), /not a multiplexed stream/);
});
