import { formatTable } from '../lib/report.js';
import { percentile } from '../lib/stats.js';
import type { EchoSample, FloodSample } from './measure.js';

export const TERMINAL_TARGETS = {
  echoP50Ms: 5,
  echoP99Ms: 20,
  floodMBps: 30,
} as const;

export interface Dist {
  n: number;
  p50: number;
  p99: number;
  max: number;
}

function dist(values: readonly number[]): Dist {
  return {
    n: values.length,
    p50: percentile(values, 50),
    p99: percentile(values, 99),
    max: Math.max(...values),
  };
}

export interface EchoSummary {
  /** keydown → first binary frame sent (the browser's input path). */
  keyToSend: Dist;
  /** input frame sent → echo frame received: web → agent → PTY → agent → web → page. */
  wireRoundTrip: Dist;
  /** keydown → echo frame received in the page. */
  keyToWire: Dist;
  /** keydown → the animation frame after the echo arrived (xterm renders in rAF). */
  keyToFrame: Dist;
  /** keydown → `.xterm-rows` text changed (DOM renderer only). */
  keyToScreen: Dist | null;
}

/** Pure: per-keystroke page timestamps → distributions of each leg. */
export function summarizeEcho(samples: readonly EchoSample[]): EchoSummary {
  const screen = samples.filter((s) => s.screen !== null).map((s) => s.screen! - s.keydown);
  return {
    keyToSend: dist(samples.map((s) => s.send - s.keydown)),
    wireRoundTrip: dist(samples.map((s) => s.recv - s.send)),
    keyToWire: dist(samples.map((s) => s.recv - s.keydown)),
    keyToFrame: dist(samples.map((s) => s.frame - s.keydown)),
    keyToScreen: screen.length === samples.length ? dist(screen) : null,
  };
}

export interface FloodSummary {
  fileBytes: number;
  seconds: number;
  /** File bytes (10⁶) per second, Enter keydown → end marker received. */
  mbPerSec: number;
  wireBytes: number;
  wireFrames: number;
  /** End marker received → in `.xterm-rows` (DOM renderer), ms. */
  markerToScreenMs: number | null;
  longTasks: number;
  longTaskMaxMs: number;
  longTaskTotalMs: number;
  maxFrameGapMs: number;
  /** p99 of the gaps between animation frames during the flood. */
  frameGapP99Ms: number;
  framesPerSec: number;
  /** Shift presses during the flood: event created → handler (null: none was timed). */
  inputDelay: Dist | null;
  /** … → the next animation frame after the handler. */
  inputToFrame: Dist | null;
}

export function summarizeFlood(f: FloodSample, fileBytes: number): FloodSummary {
  const seconds = (f.wireDone - f.start) / 1000;
  const durations = f.longTasks.map((t) => t.duration);
  return {
    fileBytes,
    seconds,
    mbPerSec: fileBytes / 1e6 / seconds,
    wireBytes: f.bytes,
    wireFrames: f.frames,
    markerToScreenMs: f.domDone === null ? null : Math.max(0, f.domDone - f.wireDone),
    longTasks: durations.length,
    longTaskMaxMs: durations.length ? Math.max(...durations) : 0,
    longTaskTotalMs: durations.reduce((a, b) => a + b, 0),
    maxFrameGapMs: f.maxFrameGap,
    frameGapP99Ms: f.frameGaps.length ? percentile(f.frameGaps, 99) : 0,
    framesPerSec: f.frameCount / ((f.frameDone - f.start) / 1000),
    inputDelay: f.inputs.length ? dist(f.inputs.map((i) => i.delay)) : null,
    inputToFrame: f.inputs.length ? dist(f.inputs.map((i) => i.frame)) : null,
  };
}

const f1 = (n: number) => n.toFixed(1);

/** Pure: the printed table for one renderer. */
export function terminalTable(renderer: string, echo: EchoSummary, flood: FloodSummary): string {
  const row = (name: string, d: Dist | null) =>
    d ? [name, f1(d.p50), f1(d.p99), f1(d.max)] : [name, '-', '-', '-'];
  const echoTable = formatTable([
    [`echo (${renderer}, ${echo.keyToWire.n} keys), ms`, 'p50', 'p99', 'max'],
    row('keydown → input frame sent', echo.keyToSend),
    row('input sent → echo received (web/agent/PTY)', echo.wireRoundTrip),
    row('keydown → echo received', echo.keyToWire),
    row('keydown → next animation frame', echo.keyToFrame),
    row('keydown → .xterm-rows text changed', echo.keyToScreen),
  ]);
  const floodLines = [
    `flood (${renderer}): ${(flood.fileBytes / 1e6).toFixed(1)} MB in ${flood.seconds.toFixed(2)} s = ${f1(flood.mbPerSec)} MB/s` +
      ` (${(flood.wireBytes / 1e6).toFixed(1)} MB on the wire in ${flood.wireFrames} frames)`,
    `  long tasks > 50 ms: ${flood.longTasks} (max ${f1(flood.longTaskMaxMs)} ms, total ${f1(flood.longTaskTotalMs)} ms);` +
      ` gaps between animation frames p99 ${f1(flood.frameGapP99Ms)} ms, max ${f1(flood.maxFrameGapMs)} ms; ${f1(flood.framesPerSec)} frames/s`,
    flood.inputDelay && flood.inputToFrame
      ? `  a key pressed during the flood (${flood.inputDelay.n}×): input delay p50 ${f1(flood.inputDelay.p50)} / p99 ${f1(flood.inputDelay.p99)} / max ${f1(flood.inputDelay.max)} ms;` +
        ` to the next frame p50 ${f1(flood.inputToFrame.p50)} / p99 ${f1(flood.inputToFrame.p99)} / max ${f1(flood.inputToFrame.max)} ms`
      : '  no key timed during the flood (it ended first)',
  ];
  return [echoTable, ...floodLines].join('\n');
}
