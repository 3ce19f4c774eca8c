import * as z from 'zod';

/**
 * Live and recent resource statistics (docs/dashboard-protocol.md). Unknown values are null,
 * never a made-up 0. Percentages: `cpuPercent` is of the whole host (0–100), `cpuPercentOfLimit`
 * of the container's CFS quota (null without a quota).
 */

const n = z.number().nullable();

/** A container id or unique prefix/name as the web knows it. */
const ContainerRefSchema = z.string().min(1).max(128);

export const HostStatsSampleSchema = z.object({
  at: z.number().int(),
  /** Busy share of all CPUs since the previous tick; null on the first tick. */
  cpuPercent: n,
  /** MemTotal − MemAvailable. */
  memoryUsed: n,
  memoryTotal: n,
  cpus: z.number().int().positive(),
});
export type HostStatsSample = z.infer<typeof HostStatsSampleSchema>;

/**
 * A rate the agent derives from two consecutive samples, as it derives CPU %: its one owner.
 * Null on a series' first sample, after a counter went back, or from an agent of protocol 1
 * (which sent cumulative counters and left rates to the web).
 */
const rate = n.default(null);

/** Per-second rates of a container's cumulative counters (bytes/s; throttling in ms/s). */
export const StatsRatesSchema = z.object({
  ioReadRate: rate,
  ioWriteRate: rate,
  netRxRate: rate,
  netTxRate: rate,
  throttledMsPerSec: rate,
});
export type StatsRates = z.infer<typeof StatsRatesSchema>;

/** One point of a container's 15-minute history (one per sampler tick). */
export const StatsPointSchema = z.object({
  at: z.number().int(),
  cpuPercent: n,
  cpuPercentOfLimit: n,
  memoryUsage: n,
  memoryWorkingSet: n,
  memoryLimit: n,
  ioReadRate: rate,
  ioWriteRate: rate,
  netRxRate: rate,
  netTxRate: rate,
  pids: n,
});
export type StatsPoint = z.infer<typeof StatsPointSchema>;

export const StatsSubscribeParamsSchema = z
  .object({
    containerIds: z.array(ContainerRefSchema).max(1000).default([]),
    /** Also send the host's sample in every `stats.batch`. */
    host: z.boolean().optional(),
  })
  .strict();
export const StatsSubscribeResultSchema = z.object({
  /** Every container id subscribed after this call (full ids). */
  containerIds: z.array(z.string()),
  /** Refs from the request that match no container (ignored). */
  unknown: z.array(z.string()),
  host: z.boolean(),
});

export const StatsUnsubscribeParamsSchema = z
  .object({
    containerIds: z.array(ContainerRefSchema).max(1000).default([]),
    host: z.boolean().optional(),
    /** Drop every subscription. */
    all: z.boolean().optional(),
  })
  .strict();

export const StatsHistoryParamsSchema = z
  .object({
    containerId: ContainerRefSchema,
    /** Only points at or after this time (ms since the epoch); all 15 minutes when omitted. */
    sinceMs: z.number().int().nonnegative().optional(),
  })
  .strict();
export const StatsHistoryResultSchema = z.object({
  containerId: z.string(),
  intervalMs: z.number().int().positive(),
  points: z.array(StatsPointSchema),
});

export const HostStatsHistoryParamsSchema = z
  .object({ sinceMs: z.number().int().nonnegative().optional() })
  .strict();
export const HostStatsHistoryResultSchema = z.object({
  intervalMs: z.number().int().positive(),
  points: z.array(HostStatsSampleSchema),
});

export const StatsSummaryContainerSchema = z.object({
  id: z.string(),
  /** Mean of the last summary window's ticks; null when none was known. */
  cpuPercent: n,
  memoryUsage: n,
  memoryLimit: n,
  // The fields below are absent from agents older than metrics and alerts.
  /** Mean share of the CPU quota over the window; null without a quota. */
  cpuPercentOfLimit: n.optional(),
  /** Cumulative CPU time of the container's cgroup at the last tick (ns). */
  cpuUsageNs: n.optional(),
  memoryWorkingSet: n.optional(),
  /** OOM kills counted by the container's memory cgroup (this run). */
  oomKills: n.optional(),
});
export type StatsSummaryContainer = z.infer<typeof StatsSummaryContainerSchema>;

/** Space of the file system holding the agent's --data-root (statfs, as `df` reports it). */
export const FsUsageSchema = z.object({
  path: z.string().max(4096),
  sizeBytes: z.number().nonnegative(),
  usedBytes: z.number().nonnegative(),
  /** Free to unprivileged writers (`df`'s Avail); `df`'s Use% is used / (used + available). */
  availableBytes: z.number().nonnegative(),
});
export type FsUsage = z.infer<typeof FsUsageSchema>;

/** agent → web every 10 s: every live container, for lists and the fleet "top". */
export const StatsSummaryEventSchema = z.object({
  at: z.number().int(),
  host: HostStatsSampleSchema,
  containers: z.array(StatsSummaryContainerSchema),
  /** Absent from older agents, null when statfs failed. */
  dataRoot: FsUsageSchema.nullable().optional(),
});
export type StatsSummaryEvent = z.infer<typeof StatsSummaryEventSchema>;
