import { io, type Socket } from 'socket.io-client';

export interface Series {
  hostId: string;
  containerId: string;
}
export const seriesKey = (s: Series) => `${s.hostId}:${s.containerId}`;

type Ack<T> = { ok: true; result: T } | { ok: false; error: { code: string; message: string } };

export interface SimBrowser {
  socket: Socket;
  /** Sample times (ms, the agent's) received per series key. */
  received: Map<string, number[]>;
  /** Relay latency (receipt − agent sample time, ms) of every sample received. */
  latencies: { at: number; ms: number }[];
  watch: readonly Series[];
  /** Times (ms) the socket (re)connected and had every series re-subscribed. */
  subscribedAt: number[];
  /** Times (ms) the socket lost its connection. */
  disconnects: number[];
  connected(): boolean;
  /** Opens a terminal; resolves with the session id. */
  openTerminal(hostId: string, containerId: string): Promise<string>;
  /** Sends `text` as input and resolves when the same bytes come back as output. */
  echo(sessionId: string, text: string, timeoutMs?: number): Promise<string>;
  stop(): void;
}

/**
 * A signed-in browser's /ui socket (real socket.io client, the browser's Origin and session
 * cookie), watching `watch` series: it (re)subscribes after every (re)connect, as the UI does,
 * and records what arrives.
 */
export async function startSimBrowser(opts: {
  url: string;
  origin: string;
  cookie: string;
  watch: readonly Series[];
}): Promise<SimBrowser> {
  const socket = io(`${opts.url}/ui`, {
    transports: ['websocket'],
    forceNew: true,
    reconnectionDelay: 1000,
    extraHeaders: { origin: opts.origin, cookie: opts.cookie },
  });
  const received = new Map<string, number[]>();
  const latencies: { at: number; ms: number }[] = [];
  const subscribedAt: number[] = [];
  const disconnects: number[] = [];
  const output = new Map<string, string>();

  socket.on(
    'stats.sample',
    (e: { hostId: string; sample: { containerId: string; at: number } }) => {
      const at = e.sample.at;
      latencies.push({ at, ms: Date.now() - at });
      const key = `${e.hostId}:${e.sample.containerId}`;
      let list = received.get(key);
      if (!list) received.set(key, (list = []));
      list.push(at);
    },
  );
  socket.on('terminal.data', (e: { sessionId: string; data: Buffer | ArrayBuffer }) => {
    const text = Buffer.from(e.data as ArrayBuffer).toString('utf8');
    output.set(e.sessionId, (output.get(e.sessionId) ?? '') + text);
  });
  const subscribeAll = async () => {
    const acks = await Promise.all(
      opts.watch.map(
        (s) => socket.timeout(20_000).emitWithAck('stats.subscribe', s) as Promise<Ack<unknown>>,
      ),
    );
    const bad = acks.find((a) => !a.ok);
    if (bad && !bad.ok) throw new Error(`stats.subscribe: ${bad.error.code}: ${bad.error.message}`);
    subscribedAt.push(Date.now());
  };
  socket.on('disconnect', () => void disconnects.push(Date.now()));
  socket.on('connect', () => {
    subscribeAll().catch(() => undefined);
  });
  await new Promise<void>((ok, fail) => {
    socket.once('connect', () => ok());
    socket.once('connect_error', (e) => fail(new Error(`ui socket: ${e.message}`)));
  });
  for (let i = 0; i < 600 && subscribedAt.length === 0; i++)
    await new Promise((r) => setTimeout(r, 50));
  if (subscribedAt.length === 0) throw new Error('ui socket: stats.subscribe never acknowledged');

  return {
    socket,
    received,
    latencies,
    watch: opts.watch,
    subscribedAt,
    disconnects,
    connected: () => socket.connected,
    async openTerminal(hostId, containerId) {
      const ack = (await socket
        .timeout(20_000)
        .emitWithAck('terminal.open', { hostId, containerId, cols: 80, rows: 24 })) as Ack<{
        sessionId: string;
      }>;
      if (!ack.ok) throw new Error(`terminal.open: ${ack.error.code}: ${ack.error.message}`);
      return ack.result.sessionId;
    },
    async echo(sessionId, text, timeoutMs = 20_000) {
      const before = output.get(sessionId)?.length ?? 0;
      socket.emit('terminal.input', { sessionId, data: Buffer.from(text) });
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const got = (output.get(sessionId) ?? '').slice(before);
        if (got.includes(text)) return got;
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error(`terminal ${sessionId}: no echo of ${JSON.stringify(text)}`);
    },
    stop: () => void socket.disconnect(),
  };
}
