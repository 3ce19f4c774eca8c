import { z } from 'zod';
import { containerStates } from '@berth/protocol';

/** What POST /api/hosts/:id/containers/:cid/<action> accepts. */
export const containerActions = ['start', 'stop', 'restart', 'pause', 'unpause', 'kill'] as const;
export type ContainerAction = (typeof containerActions)[number];

/** Query strings and bodies of the containers API (shared by route handlers and the browser). */
export const ContainerListQuery = z.object({
  host: z.string().max(64).optional(),
  state: z.enum(containerStates).optional(),
  image: z.string().max(512).optional(),
  name: z.string().max(128).optional(),
});

export const ContainerActionBody = z
  .object({
    timeout: z.number().int().min(0).max(3600).optional(),
    signal: z
      .string()
      .regex(/^(SIG)?[A-Z0-9+-]+$|^\d+$/, 'signal like SIGTERM, TERM or 15')
      .optional(),
  })
  .strict();
export type ContainerActionBody = z.infer<typeof ContainerActionBody>;

const boolParam = z
  .enum(['true', 'false', '1', '0'])
  .optional()
  .transform((v) => v === 'true' || v === '1');

export const RemoveQuery = z.object({ force: boolParam });
export const CreateQuery = z.object({ start: boolParam });

export const LogsQuery = z.object({
  tail: z.coerce.number().int().min(0).max(5000).default(500),
  since: z
    .union([z.iso.datetime({ offset: true }), z.coerce.number().int().nonnegative()])
    .optional(),
  download: boolParam,
});

export const EventsQuery = z.object({
  kind: z.enum(['all', 'container', 'audit']).default('all'),
  host: z.string().max(64).optional(),
  container: z.string().max(200).optional(),
  action: z.string().max(64).optional(),
  actor: z.string().max(64).optional(),
  outcome: z.enum(['success', 'failure', 'denied']).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
