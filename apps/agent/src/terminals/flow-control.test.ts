import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FlowControl } from './flow-control.js';

test('pauses once above the high-water mark, resumes at the low-water mark', () => {
  const fc = new FlowControl(100, 20);
  assert.equal(fc.sent(60), null);
  assert.equal(fc.sent(40), null, 'exactly at high water is still fine');
  assert.equal(fc.sent(1), 'pause');
  assert.equal(fc.paused, true);
  assert.equal(fc.sent(50), null, 'pause is said once');
  assert.equal(fc.unacked, 151);
  assert.equal(fc.acked(100), null, '51 > low water: still paused');
  assert.equal(fc.acked(31), 'resume');
  assert.equal(fc.paused, false);
  assert.equal(fc.acked(5), null, 'resume is said once');
});

test('acks beyond what was sent are clamped: no banked credit', () => {
  const fc = new FlowControl(100, 20);
  fc.acked(1_000_000);
  assert.equal(fc.unacked, 0);
  assert.equal(fc.sent(101), 'pause');
});

test('marks must satisfy 0 ≤ low < high', () => {
  assert.throws(() => new FlowControl(10, 10), RangeError);
  assert.throws(() => new FlowControl(10, -1), RangeError);
});

test('the protocol marks leave room for several full frames in flight and hysteresis', async () => {
  const p = await import('@berth/protocol');
  assert.ok(p.TERMINAL_HIGH_WATER_BYTES >= 8 * p.TERMINAL_FRAME_MAX_BYTES);
  assert.ok(p.TERMINAL_LOW_WATER_BYTES >= 2 * p.TERMINAL_FRAME_MAX_BYTES);
  assert.ok(p.TERMINAL_LOW_WATER_BYTES < p.TERMINAL_HIGH_WATER_BYTES);
  const fc = new FlowControl(p.TERMINAL_HIGH_WATER_BYTES, p.TERMINAL_LOW_WATER_BYTES);
  for (let i = 0; i < 32; i++) assert.equal(fc.sent(p.TERMINAL_FRAME_MAX_BYTES), null);
  assert.equal(fc.sent(1), 'pause', 'paused just above 32 full frames (2 MiB)');
});
