/**
 * The attach reader's worker, as CommonJS source run with `new Worker(source, { eval: true })`:
 * a source string rather than a file, so the agent's single-file bundle needs no worker entry.
 * It takes node-unix-socket by the absolute path the main thread resolved.
 *
 * The shared control array (Int32): [0] paused, [1] packets the main thread consumed,
 * [2] stop. After each packet it posts, the worker blocks its own event loop (`Atomics.wait`)
 * while paused or while `maxInFlight` packets are posted and not consumed: then nothing reads
 * the socket, its queue fills, conmon's blocking write to it blocks, conmon stops reading the
 * console, and the process blocks in its terminal write — backpressure down to the writer.
 * Input goes out from here too (conmon's attach socket is one connection both ways), so while
 * paused it waits: as with Podman, conmon itself is blocked in that write meanwhile.
 *
 * Messages to the main thread: `{t:'up'}` connected, `{t:'d', b: Uint8Array}` output (stdout
 * or stderr payload, the stream byte stripped), `{t:'end'}` conmon closed the socket,
 * `{t:'err', m}` connect failed. From it: `{t:'in', b}` input packet, `{t:'close'}`.
 */
export const ATTACH_READER_WORKER_SOURCE = `
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const { openSync, closeSync, constants } = require('node:fs');
const { SeqpacketSocket } = require(workerData.socketModule);
const ctl = new Int32Array(workerData.control);
const max = workerData.maxInFlight;
let posted = 0;
let ended = false;
const end = () => {
  if (ended) return;
  ended = true;
  parentPort.postMessage({ t: 'end' });
};
const socket = new SeqpacketSocket();
let dirFd = -1;
try {
  dirFd = openSync(workerData.dir, constants.O_RDONLY | constants.O_DIRECTORY);
} catch (e) {
  parentPort.postMessage({ t: 'err', m: String((e && e.message) || e) });
}
if (dirFd >= 0) {
  socket.once('error', (e) => {
    if (!ended) parentPort.postMessage({ t: 'err', m: String((e && e.message) || e) });
    end();
  });
  socket.connect('/proc/self/fd/' + dirFd + '/attach', () => {
    closeSync(dirFd);
    parentPort.postMessage({ t: 'up' });
  });
  socket.on('data', (p) => {
    if (p.length < 2 || (p[0] !== 2 && p[0] !== 3)) return;
    const b = new Uint8Array(p.length - 1);
    b.set(p.subarray(1));
    parentPort.postMessage({ t: 'd', b }, [b.buffer]);
    posted = (posted + 1) | 0;
    for (;;) {
      if (Atomics.load(ctl, 2) === 1) return;
      if (Atomics.load(ctl, 0) === 1) {
        Atomics.wait(ctl, 0, 1);
        continue;
      }
      const consumed = Atomics.load(ctl, 1);
      if (((posted - consumed) | 0) >= max) {
        Atomics.wait(ctl, 1, consumed);
        continue;
      }
      return;
    }
  });
  socket.once('end', end);
  socket.once('close', end);
}
parentPort.on('message', (m) => {
  if (m.t === 'in') {
    try {
      socket.write(Buffer.from(m.b));
    } catch {
      end();
    }
  } else if (m.t === 'close') {
    try {
      socket.destroy();
    } catch {
      /* gone */
    }
    parentPort.close();
  }
});
`;
