import type { ContainerSummary, StatsSummaryContainer } from '@berth/protocol';
import type { LiveHost } from '../fleet/live-fleet.js';
import { stackOf } from '../fleet/stack-label.js';

export type Labels = Record<string, string>;

export interface MetricFamily {
  name: string;
  help: string;
  type: 'gauge' | 'counter';
  labelNames: readonly string[];
  samples: { labels: Labels; value: number }[];
}

export interface MetricsHost {
  id: string;
  name: string;
  status: string;
  facts: {
    hostname: string | null;
    os: string | null;
    kernel: string | null;
    arch: string | null;
    agentVersion: string | null;
    cpus: number | null;
  };
}

export interface FleetSnapshot {
  /** ms since the epoch. */
  now: number;
  hosts: MetricsHost[];
  live: (hostId: string) => LiveHost;
  /** Ping round trips (seconds) of connected agents; missing = not measured. */
  rtt: ReadonlyMap<string, number | null>;
}

const HOST = ['host', 'host_id'] as const;
const CONTAINER = ['host', 'host_id', 'id', 'name', 'image', 'stack'] as const;
const healthStatuses = ['starting', 'healthy', 'unhealthy'] as const;

function family(
  name: string,
  type: MetricFamily['type'],
  help: string,
  labelNames: readonly string[],
): MetricFamily {
  return { name, type, help, labelNames, samples: [] };
}

const put = (f: MetricFamily, labels: Labels, value: number | null | undefined) => {
  if (value !== null && value !== undefined && Number.isFinite(value))
    f.samples.push({ labels, value });
};

/**
 * Pure: the fleet as Prometheus metric families — one scrape target for every host. Containers
 * of a host whose agent is not connected are left out (their numbers would be stale), the host
 * itself says `berth_host_up 0`. Unknown values are left out, never reported as 0.
 */
export function fleetFamilies(s: FleetSnapshot): MetricFamily[] {
  const f = {
    hostUp: family(
      'berth_host_up',
      'gauge',
      "1 when the host's agent is connected to the web",
      HOST,
    ),
    hostInfo: family('berth_host_info', 'gauge', 'Facts the agent reported (value 1)', [
      ...HOST,
      'hostname',
      'os',
      'kernel',
      'arch',
      'agent_version',
    ]),
    hostCpus: family('berth_host_cpus', 'gauge', 'Online CPUs of the host', HOST),
    hostCpu: family(
      'berth_host_cpu_percent',
      'gauge',
      'Busy share of all CPUs (0-100), mean of the last summary window',
      HOST,
    ),
    memUsed: family('berth_host_memory_used_bytes', 'gauge', 'MemTotal - MemAvailable', HOST),
    memTotal: family('berth_host_memory_total_bytes', 'gauge', 'MemTotal', HOST),
    diskSize: family(
      'berth_host_data_root_size_bytes',
      'gauge',
      "Size of the file system holding the agent's data root",
      HOST,
    ),
    diskUsed: family(
      'berth_host_data_root_used_bytes',
      'gauge',
      "Used bytes of the data root's file system",
      HOST,
    ),
    diskAvail: family(
      'berth_host_data_root_available_bytes',
      'gauge',
      "Bytes of the data root's file system free to unprivileged writers",
      HOST,
    ),
    hostContainers: family('berth_host_containers', 'gauge', 'Containers of the host by state', [
      ...HOST,
      'state',
    ]),
    linkBeatAge: family(
      'berth_agent_heartbeat_age_seconds',
      'gauge',
      "Seconds since the agent's last heartbeat reached the web",
      HOST,
    ),
    linkBeatLag: family(
      'berth_agent_heartbeat_lag_seconds',
      'gauge',
      "Arrival time minus the agent's send time of its last heartbeat (includes clock offset)",
      HOST,
    ),
    linkStatsAge: family(
      'berth_agent_stats_age_seconds',
      'gauge',
      "Seconds since the agent's last stats summary reached the web",
      HOST,
    ),
    linkRtt: family(
      'berth_agent_rtt_seconds',
      'gauge',
      'Round trip of a ping over the agent link, measured at this scrape',
      HOST,
    ),
    up: family(
      'berth_container_up',
      'gauge',
      '1 when the container is running (or paused)',
      CONTAINER,
    ),
    cpu: family(
      'berth_container_cpu_seconds_total',
      'counter',
      "CPU time of the container's cgroup",
      CONTAINER,
    ),
    ws: family(
      'berth_container_memory_working_set_bytes',
      'gauge',
      'Memory usage minus inactive file cache',
      CONTAINER,
    ),
    mem: family(
      'berth_container_memory_usage_bytes',
      'gauge',
      "Memory usage of the container's cgroup",
      CONTAINER,
    ),
    memLimit: family(
      'berth_container_memory_limit_bytes',
      'gauge',
      'Memory limit (containers without one are left out)',
      CONTAINER,
    ),
    restarts: family(
      'berth_container_restarts_total',
      'counter',
      'Restarts by the restart policy',
      CONTAINER,
    ),
    oom: family(
      'berth_container_oom_kills_total',
      'counter',
      "OOM kills counted by the container's memory cgroup in this run",
      CONTAINER,
    ),
    health: family(
      'berth_container_health_status',
      'gauge',
      'Health check status (1 for the current status); containers without a health check are left out',
      [...CONTAINER, 'status'],
    ),
  };

  for (const host of s.hosts) {
    if (host.status === 'revoked' || host.status === 'pending') continue;
    const live = s.live(host.id);
    const hl = { host: host.name, host_id: host.id };
    put(f.hostUp, hl, live.connected ? 1 : 0);
    put(
      f.hostInfo,
      {
        ...hl,
        hostname: host.facts.hostname ?? '',
        os: host.facts.os ?? '',
        kernel: host.facts.kernel ?? '',
        arch: host.facts.arch ?? '',
        agent_version: host.facts.agentVersion ?? '',
      },
      1,
    );
    put(f.hostCpus, hl, host.facts.cpus);
    if (!live.connected) continue;
    const sec = (ms: number) => ms / 1000;
    if (live.heartbeat) {
      put(f.linkBeatAge, hl, sec(s.now - live.heartbeat.receivedAt));
      put(f.linkBeatLag, hl, sec(live.heartbeat.receivedAt - live.heartbeat.sentAt));
    }
    if (live.summaryReceivedAt !== null)
      put(f.linkStatsAge, hl, sec(s.now - live.summaryReceivedAt));
    put(f.linkRtt, hl, s.rtt.get(host.id));
    const summary = live.summary;
    if (summary) {
      put(f.hostCpu, hl, summary.host.cpuPercent);
      put(f.memUsed, hl, summary.host.memoryUsed);
      put(f.memTotal, hl, summary.host.memoryTotal);
      if (summary.dataRoot) {
        put(f.diskSize, hl, summary.dataRoot.sizeBytes);
        put(f.diskUsed, hl, summary.dataRoot.usedBytes);
        put(f.diskAvail, hl, summary.dataRoot.availableBytes);
      }
    }
    const byState = new Map<string, number>();
    for (const c of live.containers) byState.set(c.state, (byState.get(c.state) ?? 0) + 1);
    for (const [state, n] of byState) put(f.hostContainers, { ...hl, state }, n);
    const stats = new Map((summary?.containers ?? []).map((c) => [c.id, c]));
    for (const c of live.containers) containerSamples(f, hl, c, stats.get(c.id));
  }
  return Object.values(f);
}

function containerSamples(
  f: Record<'up' | 'cpu' | 'ws' | 'mem' | 'memLimit' | 'restarts' | 'oom' | 'health', MetricFamily>,
  hl: Labels,
  c: ContainerSummary,
  st: StatsSummaryContainer | undefined,
) {
  const cl = { ...hl, id: c.id, name: c.name, image: c.image, stack: stackOf(c.labels) ?? '' };
  put(f.up, cl, c.state === 'running' || c.state === 'paused' ? 1 : 0);
  put(f.restarts, cl, c.restartCount);
  if (c.health)
    for (const status of healthStatuses)
      put(f.health, { ...cl, status }, c.health === status ? 1 : 0);
  if (!st) return;
  put(
    f.cpu,
    cl,
    st.cpuUsageNs === null || st.cpuUsageNs === undefined ? null : st.cpuUsageNs / 1e9,
  );
  put(f.ws, cl, st.memoryWorkingSet);
  put(f.mem, cl, st.memoryUsage);
  put(f.memLimit, cl, st.memoryLimit);
  put(f.oom, cl, st.oomKills);
}
