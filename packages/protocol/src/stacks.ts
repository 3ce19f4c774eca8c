import { z } from 'zod';

/**
 * Stacks (compose projects) over the agent's local API (`/v1/stacks/*`), used by `berth compose`
 * and later by the web through an RPC. The agent reads the compose file (and the project's
 * `.env`, `env_file`s) on its own host; `env` is the caller's environment for interpolation.
 */
const ProjectNameSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'project names look like [a-z0-9][a-z0-9_-]*');

export const StackFileRequestSchema = z
  .object({
    /** Absolute path of the compose file on the agent's host. */
    configFile: z.string().regex(/^\//, 'must be an absolute path'),
    projectName: ProjectNameSchema.optional(),
    /** Project directory; default: the compose file's directory. */
    workingDir: z.string().regex(/^\//, 'must be an absolute path').optional(),
    env: z.record(z.string(), z.string()).default({}),
    profiles: z.array(z.string()).optional(),
  })
  .strict();
export type StackFileRequest = z.input<typeof StackFileRequestSchema>;

export const StackUpRequestSchema = StackFileRequestSchema.extend({
  removeOrphans: z.boolean().optional(),
  forceRecreate: z.boolean().optional(),
  noRecreate: z.boolean().optional(),
  /** Seconds to wait for a `service_healthy`/`service_completed_successfully` dependency. */
  waitTimeout: z.number().int().positive().max(3600).optional(),
}).strict();
export type StackUpRequest = z.input<typeof StackUpRequestSchema>;

export const StackDownRequestSchema = z
  .object({
    project: ProjectNameSchema,
    /** `-v`: also the project's named volumes and its containers' anonymous volumes. */
    volumes: z.boolean().optional(),
    /** Seconds between the stop signal and SIGKILL. */
    timeout: z.number().int().min(0).optional(),
  })
  .strict();
export type StackDownRequest = z.input<typeof StackDownRequestSchema>;

/** `start`/`stop`/`restart` of some (default all) services of a project. */
export const StackServicesRequestSchema = z
  .object({
    project: ProjectNameSchema,
    services: z.array(z.string()).default([]),
    timeout: z.number().int().min(0).optional(),
  })
  .strict();
export type StackServicesRequest = z.input<typeof StackServicesRequestSchema>;

/** One progress line of up/down/pull/start/stop (NDJSON), Compose's `Container x  Started`. */
export const StackProgressSchema = z.object({
  kind: z.enum(['network', 'volume', 'image', 'container', 'warning']),
  name: z.string(),
  status: z.string(),
});
export type StackProgress = z.infer<typeof StackProgressSchema>;
