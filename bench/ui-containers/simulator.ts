import { io, type Socket } from 'socket.io-client';
import {
  AGENT_ENROLL_PATH,
  AGENT_NAMESPACE,
  EnrollResponseSchema,
  RPC_EVENT,
  RpcRequestSchema,
  type AgentAuth,
  type AgentEventName,
  type AgentEventPayload,
  type ContainerSummary,
  type RpcResponse,
} from '@berth/protocol';
import { onCleanup } from '../lib/cleanup.js';
import { BenchError } from '../lib/errors.js';
import { SIMULATOR_FACTS, syntheticContainer, syntheticLoad, toggled } from './synthetic.js';

export interface SimulatorOptions {
  baseURL: string;
  joinToken: string;
  containers: number;
  /** Containers flipped running ↔ exited per second (each a container.event + a full inventory). */
  changesPerSec: number;
}

export interface Simulator {
  hostId: string;
  /** Messages sent so far, by event name. */
  sent(): Record<string, number>;
  rpcs(): Record<string, number>;
  stop(): void;
}

/**
 * A simulated agent speaking the real protocol: enrolls with a join token, connects to /agent
 * with its credential, says hello, pushes N synthetic containers, answers RPCs minimally, and
 * every second sends stats.summary for all N (the real agent sends one every 10 s; this is the
 * 1 Hz the list is meant to survive) plus `changesPerSec` lifecycle changes.
 */
export async function startSimulator(opts: SimulatorOptions): Promise<Simulator> {
  const res = await fetch(opts.baseURL + AGENT_ENROLL_PATH, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ joinToken: opts.joinToken, facts: SIMULATOR_FACTS }),
  });
  if (!res.ok) throw new BenchError(`enroll → ${res.status}: ${await res.text()}`);
  const enrolled = EnrollResponseSchema.parse(await res.json());
  const auth: AgentAuth = {
    hostId: enrolled.hostId,
    credential: enrolled.credential,
    agentVersion: SIMULATOR_FACTS.agentVersion,
  };
  const socket: Socket = io(opts.baseURL + AGENT_NAMESPACE, {
    transports: ['websocket'],
    forceNew: true,
    auth,
  });
  const now = new Date();
  const containers: ContainerSummary[] = Array.from({ length: opts.containers }, (_, i) =>
    syntheticContainer(i, now),
  );
  const sent: Record<string, number> = {};
  const rpcs: Record<string, number> = {};
  const emit = <E extends AgentEventName>(name: E, payload: AgentEventPayload<E>) => {
    sent[name] = (sent[name] ?? 0) + 1;
    socket.emit(name, payload);
  };
  let tick = 0;
  const summary = () =>
    emit('stats.summary', {
      at: Date.now(),
      host: {
        at: Date.now(),
        cpuPercent: 20 + (tick % 30),
        memoryUsed: 8 * 2 ** 30,
        memoryTotal: SIMULATOR_FACTS.memoryBytes,
        cpus: SIMULATOR_FACTS.cpus,
      },
      containers: containers
        .filter((c) => c.state === 'running')
        .map((c, i) => ({ id: c.id, ...syntheticLoad(i, tick), memoryLimit: 64 << 20 })),
    });

  socket.on('connect', () => {
    emit('agent.hello', { facts: SIMULATOR_FACTS });
    emit('inventory.containers', { containers });
    emit('inventory.images', { images: [] });
    summary();
  });
  socket.on(RPC_EVENT, (raw: unknown, ack: unknown) => {
    if (typeof ack !== 'function') return;
    ack(answer(raw, containers, rpcs));
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', (e) => reject(new BenchError(`simulator: ${e.message}`)));
  });

  let next = 0;
  const timer = setInterval(() => {
    tick++;
    summary();
    const at = new Date();
    for (let k = 0; k < opts.changesPerSec; k++) {
      const i = next++ % containers.length;
      const [c, event] = toggled(containers[i]!, at);
      containers[i] = c;
      emit('container.event', event);
    }
    if (opts.changesPerSec > 0) emit('inventory.containers', { containers });
  }, 1000);
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    clearInterval(timer);
    socket.disconnect();
    unregister();
  };
  const unregister = onCleanup('stop the agent simulator', stop);
  return { hostId: enrolled.hostId, sent: () => ({ ...sent }), rpcs: () => ({ ...rpcs }), stop };
}

function answer(
  raw: unknown,
  containers: readonly ContainerSummary[],
  counts: Record<string, number>,
): RpcResponse {
  const req = RpcRequestSchema.safeParse(raw);
  if (!req.success) return fail('INVALID_ARGUMENT', 'malformed rpc request');
  const { method, params } = req.data;
  counts[method] = (counts[method] ?? 0) + 1;
  const ids = (params as { containerIds?: unknown } | undefined)?.containerIds;
  switch (method) {
    case 'system.ping':
      return { ok: true, result: { ts: Date.now() } };
    case 'container.list':
      return { ok: true, result: { containers } };
    case 'image.list':
      return { ok: true, result: { images: [] } };
    case 'stats.subscribe':
    case 'stats.unsubscribe':
      return {
        ok: true,
        result: {
          containerIds: Array.isArray(ids) ? ids.filter((x) => typeof x === 'string') : [],
          unknown: [],
          host: false,
        },
      };
    default:
      return fail('UNIMPLEMENTED', `the simulator does not implement ${method}`);
  }
}

const fail = (code: 'INVALID_ARGUMENT' | 'UNIMPLEMENTED', message: string): RpcResponse => ({
  ok: false,
  error: { code, message },
});
