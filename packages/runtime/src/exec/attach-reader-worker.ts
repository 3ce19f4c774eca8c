/**
 * The attach readers' worker, as CommonJS source run with `new Worker(source, { eval: true })`:
 * a source string rather than a file, so the agent's single-file bundle needs no worker entry.
 * One worker serves one session at a time and is then parked for the next (see
 * attach-reader-pool.ts); it never ends while a socket of its own is open.
 *
 * It takes node-unix-socket's `js/seqpacket.js` by the absolute path the main thread resolved,
 * NOT the package's index: in a worker, index.js calls the addon's `initCleanupHook()`, and in
 * 0.2.7 that registers one env cleanup hook (for the first worker that loads it) which, when
 * that worker ends, `uv_close`s every socket the addon ever opened, in every thread: the main
 * thread's container attach sockets stop reading, and the next `destroy()` of any of them, or
 * of another worker's, aborts the process (`uv_close: Assertion '!uv__is_closing(handle)'`).
 * Without the hook a worker may end once its socket is destroyed; it must not end (nor be
 * terminated) with one open: libuv then aborts on the open poll handle (`uv loop … has open
 * handles`). Measured, 2026-12-07: packages/runtime/README.md, "Interactive exec".
 *
 * Per session, a shared control array (Int32): [0] paused, [1] batches the main thread
 * consumed, [2] stop, [3] closed (set by the worker once the socket is destroyed and its close
 * ran). Output payloads (stream byte stripped) are gathered into batches of up to `batchBytes`,
 * Nagle-like, as the agent's frame coalescer does: after an idle time the bytes go on the next
 * turn of the loop (a keystroke's echo is not delayed); once a batch of at least `streamBytes`
 * went, output is streaming and the next batch waits until it is full or `holdMs` passed, so a
 * flood goes in full batches (≈ 8 conmon packets each) rather than one or two packets per
 * message. After each batch it posts, the worker blocks its own event
 * loop (`Atomics.wait`) while paused or while `maxInFlight` batches are posted and not
 * consumed: then nothing reads the socket, its queue fills, conmon's blocking write to it
 * blocks, conmon stops reading the console, and the process blocks in its terminal write —
 * backpressure down to the writer. Input goes out from here too (conmon's attach socket is one
 * connection both ways), so while paused it waits: as with Podman, conmon itself is blocked in
 * that write meanwhile.
 *
 * Messages to the main thread, each with the session `id`: `{t:'up'}` connected,
 * `{t:'d', b: Uint8Array}` output, `{t:'end'}` conmon closed the socket, `{t:'err', m}` connect
 * failed, `{t:'closed'}` the socket is destroyed (the worker is free). From it:
 * `{t:'open', id, dir, control}`, `{t:'in', id, b}` input packet, `{t:'close', id}`, `{t:'exit'}`
 * (only while it has no session).
 */
export const ATTACH_READER_WORKER_SOURCE = `
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const { openSync, closeSync, constants } = require('node:fs');
const { SeqpacketSocket } = require(workerData.socketModule);
const max = workerData.maxInFlight;
const batchBytes = workerData.batchBytes;
const streamBytes = workerData.streamBytes;
const holdMs = workerData.holdMs;
/** The session's batch: one buffer, reused (a worker serves one session at a time). */
const batch = new Uint8Array(batchBytes);
let s = null;

function post(m, transfer) {
  parentPort.postMessage(m, transfer);
}

function end(x) {
  if (x.ended) return;
  x.ended = true;
  flush(x, false);
  post({ t: 'end', id: x.id });
}

/** Blocks while paused or while the window is full; false once the session is told to stop. */
function waitWindow(x) {
  const ctl = x.ctl;
  for (;;) {
    if (Atomics.load(ctl, 2) === 1) return false;
    if (Atomics.load(ctl, 0) === 1) {
      Atomics.wait(ctl, 0, 1);
      continue;
    }
    const consumed = Atomics.load(ctl, 1);
    if (((x.posted - consumed) | 0) >= max) {
      Atomics.wait(ctl, 1, consumed);
      continue;
    }
    return true;
  }
}

function flush(x, wait) {
  if (x.timer !== null) {
    clearTimeout(x.timer);
    x.timer = null;
  }
  const n = x.len;
  x.len = 0;
  if (n > 0 && Atomics.load(x.ctl, 2) === 0) {
    // the one copy of the bytes on this side: out of the worker's batch buffer
    const b = batch.slice(0, n);
    post({ t: 'd', id: x.id, b }, [b.buffer]);
    x.posted = (x.posted + 1) | 0;
  }
  x.streaming = n >= streamBytes;
  if (wait) waitWindow(x);
}

/** Idle: the bytes go on the next turn of the loop; streaming: when the batch fills, or holdMs. */
function schedule(x) {
  if (x.streaming) {
    if (x.timer === null)
      x.timer = setTimeout(() => {
        x.timer = null;
        if (!x.closing && !x.ended && x.len > 0) flush(x, true);
      }, holdMs);
  } else if (!x.scheduled) {
    x.scheduled = true;
    setImmediate(() => {
      x.scheduled = false;
      if (!x.closing && !x.ended && x.len > 0) flush(x, true);
    });
  }
}

function open(id, dir, control) {
  const x = {
    id,
    ctl: new Int32Array(control),
    socket: new SeqpacketSocket(),
    posted: 0,
    ended: false,
    closing: false,
    len: 0,
    scheduled: false,
    streaming: false,
    timer: null,
  };
  s = x;
  let dirFd = -1;
  try {
    dirFd = openSync(dir, constants.O_RDONLY | constants.O_DIRECTORY);
  } catch (e) {
    post({ t: 'err', id, m: String((e && e.message) || e) });
    x.ended = true;
    return;
  }
  x.socket.once('error', (e) => {
    if (!x.ended) post({ t: 'err', id, m: String((e && e.message) || e) });
    end(x);
  });
  try {
    x.socket.connect('/proc/self/fd/' + dirFd + '/attach', () => {
      closeSync(dirFd);
      dirFd = -1;
      post({ t: 'up', id });
    });
  } catch (e) {
    if (dirFd >= 0) closeSync(dirFd);
    post({ t: 'err', id, m: String((e && e.message) || e) });
    x.ended = true;
    return;
  }
  x.socket.on('data', (p) => {
    if (x.closing || p.length < 2 || (p[0] !== 2 && p[0] !== 3)) return;
    // payloads fill the batch exactly (one is split when it does not fit): full batches are
    // what the agent sends as frames, whole
    for (let at = 1; at < p.length; ) {
      const k = Math.min(p.length - at, batchBytes - x.len);
      batch.set(p.subarray(at, at + k), x.len);
      x.len += k;
      at += k;
      if (x.len === batchBytes) flush(x, true);
    }
    if (x.len === 0) return;
    if (Atomics.load(x.ctl, 0) === 1) flush(x, true);
    else schedule(x);
  });
  x.socket.once('end', () => end(x));
  x.socket.once('close', () => end(x));
}

function close(id) {
  const x = s;
  if (x === null || x.id !== id || x.closing) return;
  x.closing = true;
  x.ended = true;
  try {
    x.socket.destroy();
  } catch {
    /* gone */
  }
  // the handle's close callback runs in this loop's close phase: two turns later it has run
  setImmediate(() =>
    setImmediate(() => {
      s = null;
      Atomics.store(x.ctl, 3, 1);
      Atomics.notify(x.ctl, 3);
      post({ t: 'closed', id });
    }),
  );
}

parentPort.on('message', (m) => {
  if (m.t === 'open') open(m.id, m.dir, m.control);
  else if (m.t === 'in') {
    if (s === null || s.id !== m.id || s.closing || s.ended) return;
    try {
      s.socket.write(Buffer.from(m.b.buffer, m.b.byteOffset, m.b.byteLength));
    } catch {
      end(s);
    }
  } else if (m.t === 'close') close(m.id);
  else if (m.t === 'exit' && s === null) parentPort.close();
});
`;
