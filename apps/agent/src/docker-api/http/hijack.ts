import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex, Readable, Writable } from 'node:stream';
import { readUpgradeBody } from '../../api/routes/containers-exec.js';
import { AgentError } from '../../errors.js';
import type { DockerErrorBody } from './errors.js';

const MAX_BODY = 1 << 20;

/**
 * The connection of an attach or exec start, as the docker client uses it: with
 * `Connection: Upgrade, Upgrade: tcp` the answer is `101 UPGRADED` and the socket carries raw
 * bytes both ways (stdin in, output out); old clients without the upgrade get `200` and a
 * streamed body (output only). Until `begin()` an error is still an ordinary HTTP answer.
 */
export interface HijackConnection {
  /** True when the client asked for the upgrade (stdin can flow). */
  readonly upgraded: boolean;
  /** Sends the status line and headers; from then on `output` carries the stream. */
  begin(contentType: string): void;
  readonly output: Writable;
  /** The client's bytes after the header (stdin); null without the upgrade. */
  readonly input: Readable | null;
  /** Ends the stream (our half). */
  end(): void;
  /** Runs once when the client goes away or the connection ends. */
  onClose(listener: () => void): void;
  readonly closed: boolean;
}

function headerLines(headers: Readonly<Record<string, string>>): string {
  return Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('');
}

/** Reads the request body that came with an upgrade request (bounded). */
export async function readHijackBody(
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
): Promise<Buffer> {
  const length = Number(req.headers['content-length'] ?? 0);
  if (!Number.isSafeInteger(length) || length < 0)
    throw new AgentError('INVALID_ARGUMENT', 'bad content-length');
  if (length > MAX_BODY) throw new AgentError('INVALID_ARGUMENT', 'request body too large');
  return readUpgradeBody(socket, head, length);
}

/** An upgraded (`101`) connection over the raw socket. */
export function upgradedConnection(
  socket: Duplex,
  common: Readonly<Record<string, string>>,
): HijackConnection {
  let closed = false;
  const closers: Array<() => void> = [];
  const close = () => {
    if (closed) return;
    closed = true;
    for (const c of closers.splice(0)) c();
  };
  socket.once('close', close);
  return {
    upgraded: true,
    begin: (contentType) => {
      socket.write(
        `HTTP/1.1 101 UPGRADED\r\nContent-Type: ${contentType}\r\nConnection: Upgrade\r\n` +
          `Upgrade: tcp\r\n${headerLines(common)}\r\n`,
      );
    },
    output: socket,
    input: socket,
    end: () => socket.end(),
    onClose: (l) => (closed ? l() : closers.push(l)),
    get closed() {
      return closed;
    },
  };
}

/** A plain (`200`, streamed body) connection for clients that did not ask for the upgrade. */
export function plainConnection(res: ServerResponse): HijackConnection {
  let closed = false;
  const closers: Array<() => void> = [];
  const close = () => {
    if (closed) return;
    closed = true;
    for (const c of closers.splice(0)) c();
  };
  res.once('close', close);
  return {
    upgraded: false,
    begin: (contentType) => {
      res.writeHead(200, { 'Content-Type': contentType });
      res.flushHeaders();
    },
    output: res,
    input: null,
    end: () => res.end(),
    onClose: (l) => (closed ? l() : closers.push(l)),
    get closed() {
      return closed;
    },
  };
}

/** An HTTP error answer on a raw socket that was never upgraded, then close. */
export function writeRawDockerError(
  socket: Duplex,
  status: number,
  body: DockerErrorBody,
  common: Readonly<Record<string, string>>,
): void {
  if (socket.destroyed) return;
  const data = JSON.stringify(body);
  socket.end(
    `HTTP/1.1 ${status} Error\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(data)}\r\n${headerLines(common)}Connection: close\r\n\r\n${data}`,
  );
}
