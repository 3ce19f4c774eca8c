import * as z from 'zod';
import { errorCodes } from './errors.js';
import { HostPolicySchema } from './host-policy.js';

export const WireErrorSchema = z.object({
  code: z.enum(errorCodes),
  message: z.string().max(4096),
  details: z.record(z.string(), z.unknown()).optional(),
});

/** What a default container on a host is confined by (Docker's `SecurityOptions` of `info`). */
export const ConfinementFactsSchema = z.object({
  /** The default seccomp profile is applied (false: the kernel or runtime cannot filter). */
  seccomp: z.boolean(),
  /** The AppArmor profile containers run under, or null: AppArmor is off on the host. */
  apparmor: z.string().max(256).nullable(),
  cgroupns: z.enum(['private', 'host']),
  noNewPrivileges: z.boolean(),
  /** Read-only binds are recursively read-only (`rro`). */
  recursiveReadOnly: z.boolean(),
});
export type ConfinementFacts = z.infer<typeof ConfinementFactsSchema>;

/** One line for humans (`berth info`, the host page): what a default container is confined by. */
export function describeConfinement(c: ConfinementFacts | undefined): string {
  if (!c) return 'unknown (agent too old to say)';
  return [
    c.seccomp ? 'seccomp (default profile)' : 'no seccomp (unsupported here)',
    c.apparmor ? `AppArmor ${c.apparmor}` : 'no AppArmor',
    `${c.cgroupns} cgroup namespace`,
    `no-new-privileges ${c.noNewPrivileges ? 'on' : 'off'}`,
    `read-only binds ${c.recursiveReadOnly ? 'recursive (rro)' : 'ro'}`,
  ].join(', ');
}

/** Facts an agent reports about its host when it connects. */
export const HostFactsSchema = z.object({
  hostname: z.string().min(1).max(253),
  kernel: z.string().max(256),
  os: z.string().max(256),
  arch: z.string().max(64),
  cgroupVersion: z.union([z.literal(1), z.literal(2)]),
  cpus: z.number().int().positive(),
  memoryBytes: z.number().int().nonnegative(),
  runtimes: z.object({
    runc: z.string().max(128).nullable(),
    crun: z.string().max(128).nullable(),
    conmon: z.string().max(128).nullable(),
  }),
  agentVersion: z.string().max(64),
  /** The agent ↔ web protocol the agent speaks (versions.ts; absent: an agent that predates it). */
  protocolVersion: z.number().int().nonnegative().max(1000).optional(),
  /** The confinement new containers get by default on this host (absent: an older agent). */
  confinement: ConfinementFactsSchema.optional(),
  /** What this host accepts from the web (absent from agents that predate host policies). */
  policy: HostPolicySchema.optional(),
});
export type HostFacts = z.infer<typeof HostFactsSchema>;

/** The socket.io `auth` payload of an enrolled agent on the /agent namespace. */
export const AgentAuthSchema = z.object({
  hostId: z.string().min(1).max(64),
  credential: z.string().min(32).max(256),
  agentVersion: z.string().max(64),
  /** The protocol the agent speaks (versions.ts); absent from agents that predate the field. */
  protocolVersion: z.number().int().nonnegative().max(1000).optional(),
});
export type AgentAuth = z.infer<typeof AgentAuthSchema>;

/**
 * Join tokens are `bjt1.<tokenId>.<secret>[.<sha256 fingerprint hex of the web's TLS certificate>]`.
 * The fingerprint part is present when the web serves https; the agent pins it.
 */
export const JOIN_TOKEN_PREFIX = 'bjt1';
export const JoinTokenSchema = z
  .string()
  .max(512)
  .regex(
    /^bjt1\.[A-Za-z0-9_-]{8,64}\.[A-Za-z0-9_-]{32,128}(\.[0-9a-f]{64})?$/,
    'malformed join token',
  );

export interface ParsedJoinToken {
  tokenId: string;
  secret: string;
  fingerprint: string | null;
}

export function parseJoinToken(token: string): ParsedJoinToken {
  const valid = JoinTokenSchema.parse(token);
  const [, tokenId, secret, fingerprint] = valid.split('.');
  return { tokenId: tokenId!, secret: secret!, fingerprint: fingerprint ?? null };
}

export function formatJoinToken(t: ParsedJoinToken): string {
  return [JOIN_TOKEN_PREFIX, t.tokenId, t.secret, ...(t.fingerprint ? [t.fingerprint] : [])].join(
    '.',
  );
}

/** POST /api/agent/enroll — the one unauthenticated-by-session HTTP call an agent makes. */
export const EnrollRequestSchema = z.object({
  joinToken: JoinTokenSchema,
  facts: HostFactsSchema,
});
export type EnrollRequest = z.infer<typeof EnrollRequestSchema>;

export const EnrollResponseSchema = z.object({
  hostId: z.string(),
  hostName: z.string(),
  credential: z.string().min(32),
});
export type EnrollResponse = z.infer<typeof EnrollResponseSchema>;

/** What the agent stores (0600) under its data root after enrolling. */
export const AgentCredentialFileSchema = z.object({
  server: z.string().url(),
  hostId: z.string(),
  credential: z.string().min(32),
  fingerprint: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .nullable(),
  enrolledAt: z.string(),
});
export type AgentCredentialFile = z.infer<typeof AgentCredentialFileSchema>;

export const SystemInfoSchema = z.object({
  facts: HostFactsSchema,
  hostId: z.string().nullable(),
  server: z.string().nullable(),
  connected: z.boolean(),
  dataRoot: z.string(),
  execRoot: z.string(),
  uptimeSec: z.number().nonnegative(),
  containers: z.object({ total: z.number().int(), running: z.number().int() }).nullable(),
  images: z.number().int().nullable(),
  /** The agent's link to the web, in more detail than `connected` (optional: added later). */
  link: z
    .object({
      state: z.enum([
        'disabled',
        'enrolling',
        'connecting',
        'connected',
        'revoked',
        'unauthorized',
      ]),
      error: z.string().max(4096).nullable(),
    })
    .optional(),
});
export type SystemInfo = z.infer<typeof SystemInfoSchema>;
