import { z } from 'zod';
import type { HostStatsSample, StatsBatchSample } from '@berth/protocol';

/** Stats messages on the browser socket (/ui): refcounted subscriptions, relayed samples. */

/** browser → web: watch one container's live samples, or the host's (`host: true`). */
export const StatsSubscriptionMessageSchema = z
  .object({
    hostId: z.string().min(1).max(64),
    containerId: z
      .string()
      .regex(/^[a-f0-9]{64}$/, 'expected a full container id')
      .optional(),
    host: z.boolean().optional(),
  })
  .strict()
  .refine((m) => (m.containerId === undefined) !== (m.host !== true), {
    message: 'give either containerId or host: true',
  });
export type StatsSubscriptionMessage = z.infer<typeof StatsSubscriptionMessageSchema>;

/** web → browser: one live sample of a subscribed container (every tick, ~1 s). */
export interface StatsSampleEvent {
  hostId: string;
  sample: StatsBatchSample;
}
/** web → browser: one live host sample (subscribers of the host). */
export interface StatsHostEvent {
  hostId: string;
  sample: HostStatsSample;
}
/** web → browser: every 10 s per host, every live container (for lists and sparklines). */
export interface StatsSummaryUiEvent {
  hostId: string;
  at: number;
  host: HostStatsSample;
  containers: {
    id: string;
    cpuPercent: number | null;
    memoryUsage: number | null;
    memoryLimit: number | null;
  }[];
}
