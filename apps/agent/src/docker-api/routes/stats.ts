import { readFile } from 'node:fs/promises';
import { availableParallelism, totalmem } from 'node:os';
import type { ContainerStatsHandle } from '@berth/runtime';
import type { DockerRouteDeps } from '../deps.js';
import type { DockerRouter } from '../http/router.js';
import { ZERO_TIME } from '../translate/inspect.js';
import {
  earlierTick,
  parseSystemCpuNs,
  statsFromRecent,
  toDockerStats,
  type StatsReading,
} from '../translate/stats.js';
import { findContainer, isLive } from './lookup.js';

/** Between the two readings of a one-shot answer (its CPU % is measured over this window). */
const ONE_SHOT_GAP_MS = 250;
const STREAM_INTERVAL_MS = 1000;

async function systemNs(): Promise<number> {
  return parseSystemCpuNs(await readFile('/proc/stat', 'utf8')) ?? 0;
}

async function read(handle: ContainerStatsHandle): Promise<StatsReading> {
  const [sys, stats] = await Promise.all([systemNs(), Promise.resolve(handle.read(true))]);
  return { stats, systemNs: sys };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * `GET /containers/{id}/stats`: a stream (one JSON per second) or one answer (`stream=false`).
 * One answer comes from the agent's sampler when it has read this run in its last ticks (no
 * cgroup read, no wait: `docker stats --no-stream` asks it of every container at once): the
 * latest tick, and the one before as precpu (one-shot: none, as Docker). Else the cgroup is read
 * now, with the sampler's only tick of this run as precpu, or (none yet, or too close) once more
 * after a short gap.
 */
export function registerStatsRoutes(router: DockerRouter, deps: DockerRouteDeps): void {
  const c = deps.containers;
  router.add({
    method: 'GET',
    path: '/containers/{name:.*}/stats',
    handler: async ({ params, query, res }) => {
      const rec = findContainer(c, params.name!);
      const meta = {
        id: rec.id,
        name: rec.name,
        onlineCpus: availableParallelism(),
        hostMemory: totalmem(),
      };
      const stream = query.bool('stream', true);
      if (!isLive(rec)) return stoppedStats(rec.id, rec.name);
      const recent = stream ? null : deps.recentStats?.(rec.id);
      const sampled = !stream && statsFromRecent(recent, rec.pid, query.bool('one-shot'), meta);
      if (sampled) return sampled;
      const handle = c.openStats(rec.id);
      try {
        if (!stream) {
          const first = await read(handle);
          if (query.bool('one-shot')) return toDockerStats(first, null, meta);
          const earlier = earlierTick(recent, rec.pid, first, ONE_SHOT_GAP_MS);
          if (earlier) return toDockerStats(first, earlier, meta);
          await sleep(ONE_SHOT_GAP_MS);
          return toDockerStats(await read(handle), first, meta);
        }
        let closed = false;
        res.once('close', () => (closed = true));
        res.writeHead(200, { 'Content-Type': 'application/json' });
        let pre: StatsReading | null = null;
        while (!closed) {
          const cur = await read(handle);
          res.write(JSON.stringify(toDockerStats(cur, pre, meta)) + '\n');
          pre = cur;
          await sleep(STREAM_INTERVAL_MS);
          const now = c.records().find((r) => r.id === rec.id);
          if (!now || !isLive(now) || now.pid !== rec.pid) break;
        }
        res.end();
        return undefined;
      } finally {
        handle.close();
      }
    },
  });
}

/** What Docker answers for a container that is not running: zeros and its identity. */
function stoppedStats(id: string, name: string) {
  const cpu = {
    cpu_usage: { total_usage: 0, usage_in_kernelmode: 0, usage_in_usermode: 0 },
    throttling_data: { periods: 0, throttled_periods: 0, throttled_time: 0 },
  };
  return {
    read: ZERO_TIME,
    preread: ZERO_TIME,
    pids_stats: {},
    blkio_stats: {
      io_service_bytes_recursive: null,
      io_serviced_recursive: null,
      io_queue_recursive: null,
      io_service_time_recursive: null,
      io_wait_time_recursive: null,
      io_merged_recursive: null,
      io_time_recursive: null,
      sectors_recursive: null,
    },
    num_procs: 0,
    storage_stats: {},
    cpu_stats: cpu,
    precpu_stats: cpu,
    memory_stats: {},
    name: `/${name}`,
    id,
  };
}
