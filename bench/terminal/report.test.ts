import { test } from 'node:test';
import assert from 'node:assert/strict';
import { summarizeEcho, summarizeFlood } from './report.js';
import { chromiumRole, parsePpid } from './chromium-cpu.js';

test('summarizeEcho splits each keystroke into its legs', () => {
  const s = summarizeEcho([
    { keydown: 0, send: 1, recv: 5, frame: 12, screen: 13 },
    { keydown: 100, send: 101, recv: 109, frame: 116, screen: 117 },
  ]);
  assert.equal(s.keyToSend.p50, 1);
  assert.equal(s.wireRoundTrip.p99, 8);
  assert.equal(s.keyToWire.p50, 5);
  assert.equal(s.keyToFrame.max, 16);
  assert.equal(s.keyToScreen?.p99, 17);
});

test('summarizeEcho has no screen figure when the renderer leaves no DOM rows', () => {
  const s = summarizeEcho([{ keydown: 0, send: 1, recv: 5, frame: 12, screen: null }]);
  assert.equal(s.keyToScreen, null);
});

test('summarizeFlood computes MB/s from the file size and long-task totals', () => {
  const f = summarizeFlood(
    {
      start: 1000,
      wireDone: 3000,
      frameDone: 3010,
      domDone: null,
      bytes: 1_013_000,
      frames: 70,
      longTasks: [
        { start: 1100, duration: 60 },
        { start: 2000, duration: 120 },
      ],
      maxFrameGap: 130,
      frameCount: 100,
      frameGaps: [16, 17, 130],
      inputs: [
        { delay: 2, frame: 20 },
        { delay: 40, frame: 90 },
      ],
    },
    1_000_000,
  );
  assert.equal(f.mbPerSec, 0.5);
  assert.equal(f.longTasks, 2);
  assert.equal(f.longTaskMaxMs, 120);
  assert.equal(f.longTaskTotalMs, 180);
  assert.equal(f.markerToScreenMs, null);
  assert.equal(f.frameGapP99Ms, 130);
  assert.equal(f.inputDelay?.max, 40);
  assert.equal(f.inputToFrame?.p50, 20);
});

test('chromium CPU: the parent pid and the role of a process', () => {
  assert.equal(parsePpid('4242 (chromium (x)) S 4200 4242 1 0'), 4200);
  assert.equal(chromiumRole('/usr/lib/chromium/chromium\0--headless\0'), 'browser');
  assert.equal(chromiumRole('/usr/lib/chromium/chromium\0--type=renderer\0--x'), 'renderer');
  assert.equal(chromiumRole('/usr/lib/chromium/chromium\0--type=gpu-process\0'), 'gpu');
  assert.equal(
    chromiumRole('chromium\0--type=utility\0--utility-sub-type=network.mojom.NetworkService'),
    'network',
  );
});
