import { createHash } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import {
  AGENT_ENROLL_PATH,
  AGENT_NAMESPACE,
  ContainerSummarySchema,
  EnrollResponseSchema,
  RPC_EVENT,
  RpcRequestSchema,
  type AgentEventName,
  type AgentEventPayload,
  type ContainerSummary,
  type HostFacts,
  type RpcResponse,
  type StatsBatchSample,
  type StatsPoint,
} from '@berth/protocol';

export const SIM_FACTS: HostFacts = {
  hostname: 'sim-host',
  kernel: '6.1.0-sim',
  os: 'Simulated Linux',
  arch: 'x64',
  cgroupVersion: 2,
  cpus: 16,
  memoryBytes: 64 * 2 ** 30,
  runtimes: { runc: '1.1.5', crun: null, conmon: '2.1.6' },
  agentVersion: '0.1.0-fleet-sim',
};

/** Pure: container `i` of simulated host `host` (running, valid per the schema). */
export function simContainer(host: string, i: number, now: Date): ContainerSummary {
  const id = createHash('sha256').update(`fleet-${host}-${i}`).digest('hex');
  const at = new Date(now.getTime() - 60_000).toISOString();
  return ContainerSummarySchema.parse({
    id,
    name: `c${String(i).padStart(4, '0')}`,
    image: `registry.example/app-${i % 12}:1`,
    imageId: `sha256:${createHash('sha256')
      .update(`img-${i % 12}`)
      .digest('hex')}`,
    command: ['sleep', 'infinity'],
    state: 'running',
    exitCode: null,
    oomKilled: false,
    createdAt: at,
    startedAt: at,
    finishedAt: null,
    ports: [],
    limits: {
      memory: 64 << 20,
      memorySwap: null,
      cpus: null,
      pidsLimit: null,
      cpuShares: null,
      cpusetCpus: null,
    },
    labels: { bench: 'fleet' },
    restartPolicy: { name: 'no', maximumRetryCount: 0 },
    restartCount: 0,
    network: 'bridge',
  });
}

/** Pure: the sample of container `i` at second `t` (ms), deterministic. */
export function simPoint(i: number, t: number): StatsPoint {
  const s = Math.floor(t / 1000);
  return {
    at: s * 1000,
    cpuPercent: ((i * 7 + s) % 50) / 2,
    cpuPercentOfLimit: null,
    memoryUsage: (20 + ((i + s) % 30)) << 20,
    memoryWorkingSet: (18 + ((i + s) % 30)) << 20,
    memoryLimit: 64 << 20,
    // counters grow by these every second (see batchSample): the rates are constant
    ioReadRate: 4096,
    ioWriteRate: 1024,
    netRxRate: 100,
    netTxRate: 50,
    pids: 1 + (i % 4),
  };
}

function batchSample(c: ContainerSummary, i: number, at: number): StatsBatchSample {
  const p = simPoint(i, at);
  const s = Math.floor(at / 1000);
  return {
    id: c.id,
    containerId: c.id,
    name: c.name,
    at,
    rates: {
      ioReadRate: p.ioReadRate,
      ioWriteRate: p.ioWriteRate,
      netRxRate: p.netRxRate,
      netTxRate: p.netTxRate,
      throttledMsPerSec: null,
    },
    cpu: {
      usageNs: Math.floor(at / 1000) * 1e7,
      percentOfHost: p.cpuPercent,
      percentOfLimit: null,
      onlineCpus: SIM_FACTS.cpus,
      periods: null,
      throttledPeriods: null,
      throttledNs: null,
    },
    memory: {
      usage: p.memoryUsage,
      limit: p.memoryLimit,
      workingSet: p.memoryWorkingSet,
      rss: null,
      cache: null,
      swap: null,
      oomKills: 0,
    },
    io: { readBytes: s * 4096, writeBytes: s * 1024, readOps: null, writeOps: null },
    pids: { current: p.pids, limit: null },
    net: {
      rxBytes: s * 100,
      txBytes: s * 50,
      rxPackets: null,
      txPackets: null,
      rxErrors: null,
      txErrors: null,
    },
    psi: null,
  };
}

export interface SimAgent {
  hostId: string;
  containers: readonly ContainerSummary[];
  /** Ms timestamps of every sample sent, per container id (only subscribed ones are sent). */
  sent: Map<string, number[]>;
  /** Times (ms) the link (re)connected, and lost its connection. */
  connects: number[];
  disconnects: number[];
  connected(): boolean;
  /** RPCs answered, by method. */
  rpcs: Record<string, number>;
  /** Sends any agent event now (tests: a container dying, say). */
  send(name: string, payload: unknown): void;
  stop(): void;
}

/**
 * A simulated agent speaking the real protocol over a real socket.io client: enrolls with a join
 * token, connects to /agent with the credential it got, says hello, pushes its inventory, and
 * then like the real agent samples every second, sends `stats.batch` for the subscribed
 * containers only, `stats.summary` for all every 10 s, a heartbeat every 15 s and a container
 * event every `eventEverySec`. It answers stats, terminal (an echo shell), log-follow and
 * container RPCs; it reconnects with the real agent's backoff when its replica goes away.
 */
export async function startSimAgent(opts: {
  baseUrl: string;
  joinToken: string;
  name: string;
  containers: number;
  eventEverySec?: number;
}): Promise<SimAgent> {
  const res = await fetch(opts.baseUrl + AGENT_ENROLL_PATH, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      joinToken: opts.joinToken,
      facts: { ...SIM_FACTS, hostname: opts.name },
    }),
  });
  if (!res.ok) throw new Error(`enroll ${opts.name} → ${res.status}: ${await res.text()}`);
  const enrolled = EnrollResponseSchema.parse(await res.json());
  const started = Date.now();
  const containers = Array.from({ length: opts.containers }, (_, i) =>
    simContainer(opts.name, i, new Date(started)),
  );
  const index = new Map(containers.map((c, i) => [c.id, i]));
  const subscribed = new Set<string>();
  const sent = new Map<string, number[]>();
  const connects: number[] = [];
  const disconnects: number[] = [];
  const rpcs: Record<string, number> = {};
  const follows = new Map<string, NodeJS.Timeout>();
  const socket: Socket = io(opts.baseUrl + AGENT_NAMESPACE, {
    transports: ['websocket'],
    forceNew: true,
    reconnectionDelay: 1000,
    reconnectionDelayMax: 30_000,
    randomizationFactor: 0.5,
    auth: {
      hostId: enrolled.hostId,
      credential: enrolled.credential,
      agentVersion: SIM_FACTS.agentVersion,
    },
  });
  const emit = <E extends AgentEventName>(name: E, payload: AgentEventPayload<E>) => {
    if (socket.connected) socket.emit(name, payload);
  };
  const summary = () => {
    const t = Date.now();
    emit('stats.summary', {
      at: t,
      host: {
        at: t,
        cpuPercent: 20,
        memoryUsed: 8 * 2 ** 30,
        memoryTotal: SIM_FACTS.memoryBytes,
        cpus: SIM_FACTS.cpus,
      },
      containers: containers.map((c, i) => {
        const p = simPoint(i, t);
        return {
          id: c.id,
          cpuPercent: p.cpuPercent,
          memoryUsage: p.memoryUsage,
          memoryLimit: p.memoryLimit,
        };
      }),
    });
  };

  socket.on('connect', () => {
    connects.push(Date.now());
    emit('agent.hello', { facts: { ...SIM_FACTS, hostname: opts.name } });
    emit('inventory.containers', { containers });
    emit('inventory.images', { images: [] });
  });
  socket.on('disconnect', () => {
    disconnects.push(Date.now());
    // Like the real agent: subscriptions and streams belong to one connection.
    subscribed.clear();
    for (const t of follows.values()) clearInterval(t);
    follows.clear();
  });
  socket.on(RPC_EVENT, (raw: unknown, ack: unknown) => {
    if (typeof ack === 'function') ack(answer(raw));
  });
  socket.on('terminal.input', (p: { sessionId: string; data: Buffer }) => {
    emit('terminal.data', { sessionId: p.sessionId, data: p.data });
  });

  function answer(raw: unknown): RpcResponse {
    const req = RpcRequestSchema.safeParse(raw);
    if (!req.success)
      return { ok: false, error: { code: 'INVALID_ARGUMENT', message: 'malformed rpc' } };
    const { method } = req.data;
    const p = (req.data.params ?? {}) as Record<string, unknown>;
    rpcs[method] = (rpcs[method] ?? 0) + 1;
    const ids = Array.isArray(p.containerIds) ? (p.containerIds as string[]) : [];
    const ok = (result: unknown): RpcResponse => ({ ok: true, result });
    switch (method) {
      case 'system.ping':
        return ok({ ts: Date.now() });
      case 'container.list':
        return ok({ containers });
      case 'stats.subscribe':
        for (const id of ids) if (index.has(id)) subscribed.add(id);
        return ok({
          containerIds: [...subscribed],
          unknown: ids.filter((id) => !index.has(id)),
          host: false,
        });
      case 'stats.unsubscribe':
        if (p.all) subscribed.clear();
        for (const id of ids) subscribed.delete(id);
        return ok({ containerIds: [...subscribed], unknown: [], host: false });
      case 'stats.history': {
        const i = index.get(String(p.containerId));
        if (i === undefined)
          return { ok: false, error: { code: 'NOT_FOUND', message: 'no such container' } };
        const since = Math.max(started, Number(p.sinceMs ?? 0));
        const points: StatsPoint[] = [];
        for (let t = Math.ceil(since / 1000) * 1000; t <= Date.now(); t += 1000)
          points.push(simPoint(i, t));
        return ok({ containerId: containers[i]!.id, intervalMs: 1000, points });
      }
      case 'stats.hostHistory':
        return ok({ intervalMs: 1000, points: [] });
      case 'terminal.open':
        return ok({
          ok: true,
          sessionId: p.sessionId,
          cmd: ['/bin/sh'],
          containerId: resolve(p.containerId),
        });
      case 'terminal.resize':
        return ok({ ok: true });
      case 'terminal.close':
        return ok({ ok: true, closed: true });
      case 'logs.follow': {
        const followId = String(p.followId);
        const timer = setInterval(() => {
          emit('logs.data', {
            followId,
            entries: [
              { stream: 'stdout', time: new Date().toISOString(), text: `line from ${opts.name}` },
            ],
          });
        }, 200);
        follows.set(followId, timer);
        return ok({ followId, containerId: resolve(p.ref) });
      }
      case 'logs.unfollow': {
        const timer = follows.get(String(p.followId));
        clearInterval(timer);
        follows.delete(String(p.followId));
        return ok({ stopped: timer !== undefined });
      }
      default:
        return {
          ok: false,
          error: { code: 'UNIMPLEMENTED', message: `the simulator has no ${method}` },
        };
    }
  }
  const resolve = (ref: unknown) =>
    containers.find((c) => c.id === ref || c.name === ref || c.id.startsWith(String(ref)))?.id ??
    containers[0]!.id;

  await new Promise<void>((ok, fail) => {
    socket.once('connect', () => ok());
    socket.once('connect_error', (e) => fail(new Error(`${opts.name}: ${e.message}`)));
  });

  let tick = 0;
  const sampler = setInterval(() => {
    tick += 1;
    const at = Date.now();
    if (socket.connected && subscribed.size > 0) {
      const samples: StatsBatchSample[] = [];
      for (const id of subscribed) {
        samples.push(batchSample(containers[index.get(id)!]!, index.get(id)!, at));
        let list = sent.get(id);
        if (!list) sent.set(id, (list = []));
        list.push(at);
      }
      emit('stats.batch', { at, samples });
    }
    if (tick % 10 === 0) summary();
    if (tick % 15 === 0) emit('agent.heartbeat', { ts: at, uptimeSec: (at - started) / 1000 });
    const every = opts.eventEverySec ?? 30;
    if (every > 0 && tick % every === 0) {
      const c = containers[tick % containers.length]!;
      emit('container.event', {
        kind: 'container',
        type: 'exec_start',
        id: c.id,
        name: c.name,
        image: c.image,
        at: new Date(at).toISOString(),
      });
    }
  }, 1000);

  return {
    hostId: enrolled.hostId,
    containers,
    sent,
    connects,
    disconnects,
    connected: () => socket.connected,
    rpcs,
    send: (name, payload) => socket.emit(name, payload),
    stop() {
      clearInterval(sampler);
      for (const t of follows.values()) clearInterval(t);
      socket.disconnect();
    },
  };
}
