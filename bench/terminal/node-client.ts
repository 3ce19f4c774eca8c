import { performance } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import { UI_NAMESPACE } from '@berth/protocol';
import { z } from 'zod';
import { BenchError } from '../lib/errors.js';

const OpenAckSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), result: z.object({ sessionId: z.string() }) }),
  z.object({ ok: z.literal(false), error: z.object({ code: z.string(), message: z.string() }) }),
]);
const DataSchema = z.object({ sessionId: z.string(), data: z.instanceof(Buffer) });

export interface NodeBaseline {
  /** input emitted → first terminal.data back (ms), per keystroke. */
  echoMs: number[];
  floodSeconds: number;
  floodWireBytes: number;
  /** `terminal.data` frames the flood came in. */
  floodFrames: number;
}

/**
 * The same terminal path without a browser: a socket.io client on the web's /ui namespace with
 * the session cookie opens a terminal, times keystroke echoes and `cat FILE`, and acks every
 * frame at once. What it measures is web + agent + PTY; the difference to the page's figures is
 * the browser (socket.io in the page, xterm.js, rendering).
 */
export async function nodeBaseline(opts: {
  baseURL: string;
  cookie: string;
  hostId: string;
  containerId: string;
  keys: number;
  file: string;
  /** Called right before the flood starts; its returned function right after it ends. */
  aroundFlood?: () => Promise<() => Promise<void>>;
}): Promise<NodeBaseline> {
  const socket: Socket = io(opts.baseURL + UI_NAMESPACE, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    extraHeaders: { cookie: opts.cookie, origin: opts.baseURL },
  });
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
    const ack = OpenAckSchema.parse(
      await socket.timeout(15_000).emitWithAck('terminal.open', {
        hostId: opts.hostId,
        containerId: opts.containerId,
        cols: 160,
        rows: 40,
        shell: '/bin/sh',
      }),
    );
    if (!ack.ok) throw new BenchError(`terminal.open: ${ack.error.message}`);
    const sessionId = ack.result.sessionId;
    let onFrame: ((data: Buffer) => void) | null = null;
    socket.on('terminal.data', (raw: unknown) => {
      const e = DataSchema.parse(raw);
      if (e.sessionId !== sessionId) return;
      socket.emit('terminal.ack', { sessionId, bytes: e.data.byteLength });
      onFrame?.(e.data);
    });
    const send = (text: string) =>
      socket.emit('terminal.input', { sessionId, data: Buffer.from(text) });
    const next = () =>
      new Promise<void>((resolve) => {
        onFrame = () => {
          onFrame = null;
          resolve();
        };
      });
    await new Promise((r) => setTimeout(r, 500));
    send('# ');
    await new Promise((r) => setTimeout(r, 100));
    const echoMs: number[] = [];
    for (let i = 0; i < opts.keys; i++) {
      const got = next();
      const t0 = performance.now();
      send('x');
      await got;
      echoMs.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 10));
    }
    send('\u0015'); // Ctrl-U: clear the line
    await new Promise((r) => setTimeout(r, 200));
    let wire = 0;
    let frames = 0;
    let tail = '';
    const done = new Promise<number>((resolve) => {
      onFrame = (data) => {
        wire += data.byteLength;
        frames++;
        tail = (tail + data.subarray(Math.max(0, data.byteLength - 256)).toString('latin1')).slice(
          -512,
        );
        if (tail.includes('END-42-MARK')) resolve(performance.now());
      };
    });
    const end = await opts.aroundFlood?.();
    const t0 = performance.now();
    send(`cat ${opts.file}; echo END-$((40+2))-MARK\r`);
    const t1 = await done;
    await end?.();
    socket.emit('terminal.close', { sessionId });
    return { echoMs, floodSeconds: (t1 - t0) / 1000, floodWireBytes: wire, floodFrames: frames };
  } finally {
    socket.disconnect();
  }
}
