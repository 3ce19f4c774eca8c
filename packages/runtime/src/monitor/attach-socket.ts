import { constants, openSync, closeSync, writeSync } from 'node:fs';
import { dirname, basename } from 'node:path';
import type * as UnixSocket from 'node-unix-socket';
import type { SeqpacketSocket } from 'node-unix-socket';
import { lazyModule } from '../lazy-module.js';
import { RuntimeError } from '../errors.js';
import { attachSocketPath, ctlFifoPath, resizeCtlLine } from './attach-protocol.js';

/** node-unix-socket (a native addon): loaded by the first attach, not by every agent. */
const unixSocket = lazyModule<typeof UnixSocket>('node-unix-socket');

/**
 * Connects to conmon's SOCK_SEQPACKET attach socket in `bundle`. Node's `net` cannot open
 * SOCK_SEQPACKET, so this uses node-unix-socket. The path goes through `/proc/self/fd/<dir>`
 * (as Podman does): a bundle path can be longer than a socket address (108 bytes).
 */
export function connectAttachSocket(bundle: string): Promise<SeqpacketSocket> {
  const path = attachSocketPath(bundle);
  let dirFd: number;
  try {
    dirFd = openSync(dirname(path), constants.O_RDONLY | constants.O_DIRECTORY);
  } catch (err) {
    return Promise.reject(RuntimeError.wrap(err, `attach: open ${dirname(path)}`, 'UNAVAILABLE'));
  }
  let socket: SeqpacketSocket;
  try {
    socket = new (unixSocket().SeqpacketSocket)();
  } catch (err) {
    closeSync(dirFd);
    return Promise.reject(RuntimeError.wrap(err, 'attach: load node-unix-socket', 'UNAVAILABLE'));
  }
  return new Promise<SeqpacketSocket>((resolve, reject) => {
    const fail = (err: unknown) => {
      socket.destroy();
      reject(RuntimeError.wrap(err, `attach: connect ${path}`, 'UNAVAILABLE'));
    };
    socket.once('error', fail);
    try {
      socket.connect(`/proc/self/fd/${dirFd}/${basename(path)}`, () => {
        socket.off('error', fail);
        resolve(socket);
      });
    } catch (err) {
      fail(err);
    }
  }).finally(() => closeSync(dirFd));
}

/**
 * Writes one line to conmon's ctl FIFO. Non-blocking open: without conmon reading the FIFO
 * (container not running) this fails at once with UNAVAILABLE instead of hanging.
 */
export function writeCtl(bundle: string, line: string): void {
  let fd: number;
  try {
    fd = openSync(ctlFifoPath(bundle), constants.O_WRONLY | constants.O_NONBLOCK);
  } catch (err) {
    throw RuntimeError.wrap(err, 'resize: conmon control FIFO', 'UNAVAILABLE');
  }
  try {
    writeSync(fd, line);
  } finally {
    closeSync(fd);
  }
}

export function resizeTerminal(bundle: string, size: { rows: number; cols: number }): void {
  writeCtl(bundle, resizeCtlLine(size));
}
