import { z } from 'zod';

/**
 * Alert rules, channels and silences as the API takes them (shared by route handlers, the
 * browser's forms and the OpenAPI document). Pure zod; the engine lives in server/alerts/.
 */
export const alertKinds = [
  'container_exited',
  'restart_loop',
  'oom_killed',
  'unhealthy',
  'host_offline',
  'cpu_high',
  'memory_high',
  'disk_high',
] as const;
export type AlertKind = (typeof alertKinds)[number];

/** Rules about hosts (the scope's stacks and labels do not apply to them). */
export const hostAlertKinds: readonly AlertKind[] = ['host_offline', 'disk_high'];

const seconds = (max: number) => z.number().int().min(0).max(max);
const percent = z.number().gt(0).max(1000);

export const AlertParamsSchemas = {
  /** A container's process ended without anyone asking (crash, kill from outside, OOM). */
  container_exited: z.object({ includeCleanExit: z.boolean().default(false) }).strict(),
  /** At least `restarts` unexpected exits within `windowSec`; resolves after a quiet window. */
  restart_loop: z
    .object({
      restarts: z.number().int().min(2).max(1000).default(3),
      windowSec: seconds(86_400).min(10).default(300),
    })
    .strict(),
  /** The kernel's OOM killer hit the container; resolves after `resolveAfterSec` without another. */
  oom_killed: z.object({ resolveAfterSec: seconds(86_400).default(300) }).strict(),
  /** The health check says unhealthy (for `forSec`). */
  unhealthy: z.object({ forSec: seconds(86_400).default(0) }).strict(),
  /** The host's agent has been disconnected for `forSec`. */
  host_offline: z.object({ forSec: seconds(86_400).min(1).default(60) }).strict(),
  /** CPU above `percent` of the container's CPU limit for `forSec` (limited containers only). */
  cpu_high: z
    .object({ percent: percent.default(90), forSec: seconds(86_400).default(300) })
    .strict(),
  /** Memory working set above `percent` of the memory limit for `forSec` (limited containers only). */
  memory_high: z
    .object({ percent: percent.max(100).default(90), forSec: seconds(86_400).default(300) })
    .strict(),
  /** The file system of the agent's data root fuller than `percent` (as df's Use%) for `forSec`. */
  disk_high: z
    .object({ percent: percent.max(100).default(90), forSec: seconds(86_400).default(0) })
    .strict(),
} as const satisfies Record<AlertKind, z.ZodType>;

export type AlertParams<K extends AlertKind> = z.infer<(typeof AlertParamsSchemas)[K]>;

/** Where a rule applies; every given part must match, an absent part matches everything. */
export const AlertScopeSchema = z
  .object({
    /** Host ids. */
    hosts: z.array(z.string().min(1).max(64)).max(1000).optional(),
    /** Compose projects (the `com.docker.compose.project` label). */
    stacks: z.array(z.string().min(1).max(128)).max(1000).optional(),
    /** Container labels that must all be present with these values. */
    labels: z.record(z.string().min(1).max(256), z.string().max(1024)).optional(),
  })
  .strict();
export type AlertScope = z.infer<typeof AlertScopeSchema>;

const ruleName = z.string().trim().min(1).max(100);
const channelIds = z.array(z.string().min(1).max(64)).max(50);

function ruleVariant<K extends AlertKind>(kind: K) {
  const params = AlertParamsSchemas[kind] as (typeof AlertParamsSchemas)[K];
  return z
    .object({
      name: ruleName,
      kind: z.literal(kind),
      /** Per kind (see AlertParamsSchemas); omitted fields take their defaults. */
      params: params.optional().transform((p) => p ?? params.parse({})),
      scope: AlertScopeSchema.default({}),
      channelIds: channelIds.default([]),
      enabled: z.boolean().default(true),
    })
    .strict();
}

export const CreateAlertRuleBody = z.discriminatedUnion('kind', [
  ruleVariant('container_exited'),
  ruleVariant('restart_loop'),
  ruleVariant('oom_killed'),
  ruleVariant('unhealthy'),
  ruleVariant('host_offline'),
  ruleVariant('cpu_high'),
  ruleVariant('memory_high'),
  ruleVariant('disk_high'),
]);
export type CreateAlertRuleInput = z.infer<typeof CreateAlertRuleBody>;

/** A rule's kind never changes (make a new rule); params are checked against its kind. */
export const UpdateAlertRuleBody = z
  .object({
    name: ruleName.optional(),
    params: z.record(z.string(), z.unknown()).optional(),
    scope: AlertScopeSchema.optional(),
    channelIds: channelIds.optional(),
    enabled: z.boolean().optional(),
  })
  .strict();
export type UpdateAlertRuleInput = z.infer<typeof UpdateAlertRuleBody>;

export const channelTypes = ['webhook', 'slack', 'email'] as const;
export type ChannelType = (typeof channelTypes)[number];

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2048);
export const CreateAlertChannelBody = z.discriminatedUnion('type', [
  z
    .object({
      name: z.string().trim().min(1).max(100),
      type: z.literal('webhook'),
      /** Generic JSON POST; with `secret`, signed: `X-Berth-Signature: sha256=<hmac of the body>`. */
      config: z.object({ url: httpUrl, secret: z.string().min(16).max(256).optional() }).strict(),
    })
    .strict(),
  z
    .object({
      name: z.string().trim().min(1).max(100),
      type: z.literal('slack'),
      /** A Slack (or Mattermost, Rocket.Chat…) incoming-webhook URL. */
      config: z.object({ url: httpUrl }).strict(),
    })
    .strict(),
  z
    .object({
      name: z.string().trim().min(1).max(100),
      type: z.literal('email'),
      config: z.object({ to: z.array(z.email()).min(1).max(50) }).strict(),
    })
    .strict(),
]);
export type CreateAlertChannelInput = z.infer<typeof CreateAlertChannelBody>;

export const SilenceMatchersSchema = z
  .object({
    ruleId: z.string().min(1).max(64).optional(),
    hostId: z.string().min(1).max(64).optional(),
    /** Container name. */
    container: z.string().min(1).max(256).optional(),
    stack: z.string().min(1).max(128).optional(),
  })
  .strict();
export type SilenceMatchers = z.infer<typeof SilenceMatchersSchema>;

export const CreateSilenceBody = z
  .object({
    matchers: SilenceMatchersSchema,
    comment: z.string().max(500).default(''),
    /** RFC 3339; default now. */
    startsAt: z.iso.datetime({ offset: true }).optional(),
    endsAt: z.iso.datetime({ offset: true }),
  })
  .strict();
export type CreateSilenceInput = z.infer<typeof CreateSilenceBody>;

export const AlertListQuery = z.object({
  state: z.enum(['firing', 'resolved']).optional(),
  host: z.string().max(64).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
