import * as z from 'zod';
import {
  ContainerEventSchema,
  ContainerInspectSchema,
  ContainerListSchema,
  ContainerNameSchema,
  ContainerRefSchema,
  ContainerStatsSchema,
  ContainerSummarySchema,
  CreateContainerRequestSchema,
  CreateContainerResponseSchema,
  LogLineSchema,
  TopResponseSchema,
  UpdateContainerRequestSchema,
} from './containers.js';
import {
  HostStatsHistoryParamsSchema,
  HostStatsHistoryResultSchema,
  HostStatsSampleSchema,
  StatsHistoryParamsSchema,
  StatsHistoryResultSchema,
  StatsRatesSchema,
  StatsSubscribeParamsSchema,
  StatsSubscribeResultSchema,
  StatsSummaryEventSchema,
  StatsUnsubscribeParamsSchema,
} from './stats-stream.js';
import {
  TerminalAttachParamsSchema,
  TerminalAttachResultSchema,
  TerminalDetachResultSchema,
  TerminalAckEventSchema,
  TerminalCloseResultSchema,
  TerminalDataEventSchema,
  TerminalExitEventSchema,
  TerminalInputEventSchema,
  TerminalOkSchema,
  TerminalOpenParamsSchema,
  TerminalOpenResultSchema,
  TerminalResizeParamsSchema,
  TerminalSessionParamsSchema,
} from './terminal.js';

/**
 * The dashboard's part of the agent ↔ web contract (docs/dashboard-protocol.md): container
 * actions and inventory, logs, live stats and terminals. messages.ts merges these tables into
 * `rpcMethods`, `agentEvents` and `serverEvents`.
 */

/** Most log entries one `container.logs` call returns (the newest ones). */
export const CONTAINER_LOGS_MAX_ENTRIES = 5000;
/** Most entries in one `logs.data` event. */
export const LOGS_DATA_MAX_ENTRIES = 1000;

/** Longest stop timeout a request may ask for (seconds before SIGKILL). */
export const STOP_TIMEOUT_MAX_SECONDS = 3600;

/**
 * What a caller of `container.stop` / `container.restart` adds to the stop timeout before it
 * gives up waiting: the SIGKILL, conmon recording the exit and, for a restart, the new start.
 */
export const STOP_DEADLINE_MARGIN_MS = 30_000;

/**
 * The one rule for how long to wait for a stop or restart: the timeout the agent will wait
 * before SIGKILL (the request's, else the container's own `stopTimeout`) plus the margin.
 */
export function stopDeadlineMs(stopTimeoutSeconds: number): number {
  return stopTimeoutSeconds * 1000 + STOP_DEADLINE_MARGIN_MS;
}

const ref = z.object({ ref: ContainerRefSchema }).strict();
const stopTimeout = z.number().int().min(0).max(STOP_TIMEOUT_MAX_SECONDS);
const FollowIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'expected 1-64 [A-Za-z0-9_-]');
const tail = z.number().int().min(0).max(CONTAINER_LOGS_MAX_ENTRIES);

/**
 * One `stats.batch` sample: the normalized stats (CPU % in `cpu.percentOfHost`) plus the rates
 * the agent derived from the previous tick. Each value once; the web derives nothing.
 */
export const StatsBatchSampleSchema = ContainerStatsSchema.extend({
  containerId: z.string(),
  rates: StatsRatesSchema.default({
    ioReadRate: null,
    ioWriteRate: null,
    netRxRate: null,
    netTxRate: null,
    throttledMsPerSec: null,
  }),
});
export type StatsBatchSample = z.infer<typeof StatsBatchSampleSchema>;

export const dashboardRpcMethods = {
  'container.list': {
    params: z.object({ all: z.boolean().optional() }).strict(),
    result: ContainerListSchema,
  },
  'container.inspect': { params: ref, result: ContainerInspectSchema },
  'container.create': {
    params: CreateContainerRequestSchema,
    result: CreateContainerResponseSchema,
  },
  'container.start': { params: ref, result: ContainerSummarySchema },
  'container.stop': {
    params: ref.extend({ timeout: stopTimeout.optional() }).strict(),
    result: ContainerSummarySchema,
  },
  'container.restart': {
    params: ref.extend({ timeout: stopTimeout.optional() }).strict(),
    result: ContainerSummarySchema,
  },
  'container.kill': {
    params: ref
      .extend({
        signal: z
          .string()
          .regex(/^(SIG)?[A-Z0-9+-]+$|^\d+$/, 'signal like SIGTERM, TERM or 15')
          .optional(),
      })
      .strict(),
    result: ContainerSummarySchema,
  },
  'container.pause': { params: ref, result: ContainerSummarySchema },
  'container.unpause': { params: ref, result: ContainerSummarySchema },
  'container.remove': {
    params: ref.extend({ force: z.boolean().optional() }).strict(),
    result: z.object({ id: z.string() }),
  },
  'container.rename': {
    params: ref.extend({ name: ContainerNameSchema }).strict(),
    result: ContainerSummarySchema,
  },
  /**
   * Recreates a container with changed settings under the same name (Duplicate/Edit → Replace):
   * the request is checked first; then the old one is stopped and removed, the new one created
   * (and started). When that fails the new one is removed and the old re-created from its record
   * (and started if it was running): the error then carries `details.restored`.
   */
  'container.replace': {
    params: ref
      .extend({ request: CreateContainerRequestSchema, start: z.boolean().optional() })
      .strict(),
    result: CreateContainerResponseSchema.extend({
      /** The ID of the container it replaced (now removed). */
      replaced: z.string(),
    }),
  },
  'container.update': {
    params: ref.extend({ update: UpdateContainerRequestSchema }).strict(),
    result: ContainerSummarySchema,
  },
  /** The newest `tail` entries (default and max CONTAINER_LOGS_MAX_ENTRIES) in time order. */
  'container.logs': {
    params: ref
      .extend({
        tail: tail.optional(),
        /** Only entries at or after this RFC 3339 time or ms since the epoch. */
        since: z
          .union([z.iso.datetime({ offset: true }), z.number().int().nonnegative()])
          .optional(),
        stdout: z.boolean().optional(),
        stderr: z.boolean().optional(),
      })
      .strict(),
    result: z.object({ entries: z.array(LogLineSchema), truncated: z.boolean() }),
  },
  'container.top': { params: ref, result: TopResponseSchema },
  /** Streams entries as `logs.data` until `logs.unfollow`, the container exits, or the link drops. */
  'logs.follow': {
    params: z
      .object({ followId: FollowIdSchema, ref: ContainerRefSchema, tail: tail.optional() })
      .strict(),
    result: z.object({ followId: FollowIdSchema, containerId: z.string() }),
  },
  'logs.unfollow': {
    params: z.object({ followId: FollowIdSchema }).strict(),
    result: z.object({ stopped: z.boolean() }),
  },
  'stats.subscribe': { params: StatsSubscribeParamsSchema, result: StatsSubscribeResultSchema },
  'stats.unsubscribe': { params: StatsUnsubscribeParamsSchema, result: StatsSubscribeResultSchema },
  'stats.history': { params: StatsHistoryParamsSchema, result: StatsHistoryResultSchema },
  'stats.hostHistory': {
    params: HostStatsHistoryParamsSchema,
    result: HostStatsHistoryResultSchema,
  },
  'terminal.open': { params: TerminalOpenParamsSchema, result: TerminalOpenResultSchema },
  'terminal.resize': { params: TerminalResizeParamsSchema, result: TerminalOkSchema },
  'terminal.close': { params: TerminalSessionParamsSchema, result: TerminalCloseResultSchema },
  /** No page shows the session now: keep it (and its scrollback) for the grace time. */
  'terminal.detach': { params: TerminalSessionParamsSchema, result: TerminalDetachResultSchema },
  /** A page shows it again: the scrollback is sent as `terminal.data`, then live output. */
  'terminal.attach': { params: TerminalAttachParamsSchema, result: TerminalAttachResultSchema },
} as const;

export const dashboardAgentEvents = {
  /** Every container of the host: on connect and (debounced) after each container change. */
  'inventory.containers': z.object({ containers: z.array(ContainerSummarySchema) }),
  'container.event': ContainerEventSchema,
  /** Every tick: samples of subscribed live containers; `host` when the host is subscribed. */
  'stats.batch': z.object({
    at: z.number().int(),
    host: HostStatsSampleSchema.optional(),
    samples: z.array(StatsBatchSampleSchema),
  }),
  'stats.summary': StatsSummaryEventSchema,
  'terminal.data': TerminalDataEventSchema,
  'terminal.exit': TerminalExitEventSchema,
  'logs.data': z.object({
    followId: FollowIdSchema,
    entries: z.array(LogLineSchema).max(LOGS_DATA_MAX_ENTRIES),
  }),
  /** A follow is over: the container stopped (`exited`) or reading failed; not sent after `logs.unfollow`. */
  'logs.end': z.object({
    followId: FollowIdSchema,
    reason: z.enum(['exited', 'error']),
    message: z.string().max(1024).optional(),
  }),
} as const;

export const dashboardServerEvents = {
  'terminal.input': TerminalInputEventSchema,
  'terminal.ack': TerminalAckEventSchema,
} as const;
