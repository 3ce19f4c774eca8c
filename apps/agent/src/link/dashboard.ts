import { availableParallelism } from 'node:os';
import type { AgentEventName, AgentEventPayload, ServerEvent } from '@berth/protocol';
import type { ContainerService } from '../containers/service.js';
import type { Logger } from '@berth/log';
import type { HostPolicyGate } from '../policy/host-policy.js';
import { createHostReader } from '../stats/host-stats.js';
import { createDiskReader } from '../stats/disk-usage.js';
import { StatsSampler, type RecentReadings } from '../stats/sampler.js';
import { statsSourceFor, toBatchSample } from '../stats/source.js';
import { terminalBackendFor } from '../terminals/backend.js';
import { TerminalRegistry } from '../terminals/registry.js';
import { startContainerInventory } from './container-inventory.js';
import { registerContainerRpcs } from './container-rpcs.js';
import { registerLogFollows } from './log-follows.js';
import type { RpcRegistry } from './rpc-registry.js';
import { registerStatsRpcs } from './stats-rpcs.js';
import { registerTerminalRpcs } from './terminal-rpcs.js';

export interface DashboardDeps {
  containers: ContainerService;
  /** The host owner's policy for what the web may ask for. */
  policy: HostPolicyGate;
  rpc: RpcRegistry;
  emit: <E extends AgentEventName>(name: E, payload: AgentEventPayload<E>) => void;
  log: Logger;
  statsIntervalMs?: number;
  /** The agent's --data-root: its file system's space goes with every stats summary. */
  dataRoot?: string;
  /** How long a terminal no page shows lives on (`--terminal-grace`); default in the registry. */
  terminalGraceMs?: number;
}

/** The link's hooks for the dashboard: connect/disconnect and web → agent events. */
export interface Dashboard {
  onConnect: () => void;
  onDisconnect: () => void;
  onServerEvent: (ev: ServerEvent) => void;
  /** The sampler's last two readings of a live container (null when it has none fresh). */
  recentStats: (containerId: string) => RecentReadings | null;
  stop: () => void;
}

/**
 * Everything the web dashboard needs from this agent (docs/dashboard-protocol.md): container
 * RPCs and inventory, log follows, the stats sampler and terminals — registered on the RPC
 * table and tied to the link's lifecycle (per-connection state ends when the link drops).
 */
export function startDashboard(deps: DashboardDeps): Dashboard {
  const { containers, emit, log } = deps;
  const cpus = availableParallelism();
  const terminals = new TerminalRegistry({
    backend: terminalBackendFor(containers),
    emit,
    log,
    graceMs: deps.terminalGraceMs,
  });
  const nameOf = (id: string) => containers.nameOf(id);
  const sampler = new StatsSampler({
    source: statsSourceFor(containers),
    readHost: createHostReader(),
    onBatch: (b) =>
      emit('stats.batch', {
        ...b,
        samples: b.samples.map((s) => toBatchSample(s, nameOf(s.containerId), cpus)),
      }),
    onSummary: (s) => emit('stats.summary', s),
    ...(deps.dataRoot ? { readDisk: createDiskReader(deps.dataRoot) } : {}),
    log,
    onlineCpus: cpus,
    intervalMs: deps.statsIntervalMs,
  });
  const inventory = startContainerInventory({
    containers,
    emit,
    log,
    onEvent: (e) => {
      if (e.type === 'die' || e.type === 'destroy') terminals.containerStopped(e.id);
    },
  });
  // an update changes limits: the sampler's recent readings of that container carry the old ones
  const offUpdates = containers.events.subscribe((e) => {
    if (e.kind === 'container' && e.type === 'update') sampler.invalidate(e.id);
  });
  registerContainerRpcs(deps.rpc, { containers, policy: deps.policy });
  registerStatsRpcs(deps.rpc, { sampler, containers });
  registerTerminalRpcs(deps.rpc, { terminals });
  const follows = registerLogFollows(deps.rpc, { containers, emit });
  sampler.start();

  // Terminals outlive a dropped link for their grace time: the web's pages reattach to them.
  const dropConnectionState = () => {
    terminals.detachAll();
    follows.stopAll();
    sampler.subscriptions.clear();
  };
  return {
    onConnect: () => {
      inventory.sync();
      sampler.summarizeNow();
    },
    onDisconnect: dropConnectionState,
    onServerEvent: (ev) => {
      if (ev.name === 'terminal.input') terminals.input(ev.payload.sessionId, ev.payload.data);
      else if (ev.name === 'terminal.ack') terminals.ack(ev.payload.sessionId, ev.payload.bytes);
    },
    recentStats: (id) => sampler.recent(id),
    stop: () => {
      offUpdates();
      sampler.stop();
      inventory.stop();
      dropConnectionState();
      terminals.closeAll();
    },
  };
}
