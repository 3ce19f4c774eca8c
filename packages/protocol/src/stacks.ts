import * as z from 'zod';
import { elevatedKinds } from './elevated.js';
import { RegistryAuthSchema } from './images.js';

/**
 * Stacks (compose projects) over the agent's local API (`/v1/stacks/*`), used by `berth compose`
 * and later by the web through an RPC. The agent reads the compose file (and the project's
 * `.env`, `env_file`s) on its own host; `env` is the caller's environment for interpolation.
 */
export const ProjectNameSchema = z
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
  /** `--wait`: after starting, wait until every container with a health check is healthy. */
  wait: z.boolean().optional(),
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
  name: z.string().max(1024),
  status: z.string().max(4096),
});
export type StackProgress = z.infer<typeof StackProgressSchema>;

// ── stacks from the web (RPCs over the agent link) ─────────────────────────────────────────────

/** Largest compose file and `.env` the web may send. */
export const STACK_FILE_MAX_BYTES = 256 * 1024;
export const STACK_ENV_MAX_BYTES = 64 * 1024;

/**
 * A stack as the web sends it: the compose file's text and its `.env`. The agent keeps them under
 * `<data-root>/stacks/<project>/` (the project directory: relative paths resolve there) and reads
 * no other file for it — `env_file`s must be inline in `.env` or `environment`.
 */
export const StackSourceSchema = z
  .object({
    project: ProjectNameSchema,
    compose: z.string().min(1).max(STACK_FILE_MAX_BYTES),
    env: z.string().max(STACK_ENV_MAX_BYTES).default(''),
  })
  .strict();
export type StackSource = z.input<typeof StackSourceSchema>;

/** Correlates a stack RPC with its `stack.progress` events (chosen by the web). */
export const StackOperationIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'expected 1-64 [A-Za-z0-9_-]');

export const ElevatedOptionSchema = z.object({
  kind: z.enum(elevatedKinds),
  value: z.string().optional(),
  token: z.string(),
  label: z.string(),
});

/** One planned service, as a deploy preview shows it. */
export const StackServicePreviewSchema = z.object({
  name: z.string(),
  image: z.string(),
  replicas: z.number().int().nonnegative(),
  configHash: z.string(),
  dependsOn: z.array(z.string()),
  healthcheck: z.boolean(),
  /** `[ip:]published:target/proto` (published empty when the host picks). */
  ports: z.array(z.string()),
  /** The container names it will have. */
  containers: z.array(z.string()),
  /** Elevated options its containers would be created with. */
  elevated: z.array(ElevatedOptionSchema),
});
export type StackServicePreview = z.infer<typeof StackServicePreviewSchema>;

/** What a deploy would do to one container (@berth/compose `reconcile`). */
export const StackPlannedActionSchema = z.object({
  kind: z.enum(['create', 'recreate', 'start', 'keep', 'remove']),
  service: z.string(),
  container: z.string(),
  /** Why a container is recreated (`config changed`, `image changed`) or removed. */
  why: z.string().nullable(),
});
export type StackPlannedAction = z.infer<typeof StackPlannedActionSchema>;

export const StackPreviewSchema = z.object({
  project: z.string(),
  services: z.array(StackServicePreviewSchema),
  networks: z.array(z.string()),
  volumes: z.array(z.string()),
  actions: z.array(StackPlannedActionSchema),
  warnings: z.array(z.string()),
  /** Every elevated option of the stack (deduplicated). */
  elevated: z.array(ElevatedOptionSchema),
  /** The host's policy refusal of those options (what deploying would answer), else null. */
  policyRefusal: z.string().nullable(),
  /**
   * The images a deploy would pull on this host (missing there, or `pull_policy: always`): only
   * these need registry credentials. Older agents leave it out: then every image.
   */
  pulls: z.array(z.string()).optional(),
});
export type StackPreview = z.infer<typeof StackPreviewSchema>;

export const StackDeployParamsSchema = StackSourceSchema.extend({
  operationId: StackOperationIdSchema,
  /**
   * The caller may use elevated options (the web says true only for admins). The agent refuses a
   * stack with any when false, before creating anything; the host policy applies either way.
   */
  allowElevated: z.boolean(),
  /**
   * Per image of the stack (as its services name it), what the deploy's pull may use: the host's
   * `berth login` credentials (`stored`: the web says true only for admins and registries an admin
   * granted) and credentials the web keeps (`auth`: this deploy's only, never written or logged).
   * An image not listed is pulled without stored credentials: its registry, if it has some on this
   * host, is refused rather than reached anonymously (as `image.pull` does).
   */
  images: z
    .record(
      z.string().max(1024),
      z.object({ stored: z.boolean(), auth: RegistryAuthSchema.optional() }).strict(),
    )
    .optional(),
  /** Default true: services gone from the file are removed. */
  removeOrphans: z.boolean().optional(),
  forceRecreate: z.boolean().optional(),
  /** Default true: wait until the containers with health checks are healthy. */
  wait: z.boolean().optional(),
}).strict();

export const StackDeployResultSchema = z.object({
  project: z.string(),
  /** Service → config hash of what now runs. */
  services: z.record(z.string(), z.string()),
  actions: z.array(StackPlannedActionSchema),
});
export type StackDeployResult = z.infer<typeof StackDeployResultSchema>;

const operation = { operationId: StackOperationIdSchema.optional() };

export const stackRpcMethods = {
  /** Loads, validates and plans without changing anything; what `stack.deploy` would do. */
  'stack.preview': { params: StackSourceSchema, result: StackPreviewSchema },
  /** `up`; progress as `stack.progress`; resolves when done (failed: rolled back). */
  'stack.deploy': { params: StackDeployParamsSchema, result: StackDeployResultSchema },
  'stack.down': {
    params: StackDownRequestSchema.extend(operation).strict(),
    result: z.object({ project: z.string() }),
  },
  'stack.start': {
    params: StackServicesRequestSchema.extend(operation).strict(),
    result: z.object({ project: z.string() }),
  },
  'stack.stop': {
    params: StackServicesRequestSchema.extend(operation).strict(),
    result: z.object({ project: z.string() }),
  },
  'stack.restart': {
    params: StackServicesRequestSchema.extend(operation).strict(),
    result: z.object({ project: z.string() }),
  },
} as const;

export const stackAgentEvents = {
  /** One step of a stack RPC that carried an `operationId`. */
  'stack.progress': StackProgressSchema.extend({
    operationId: StackOperationIdSchema,
    project: z.string(),
  }),
} as const;
