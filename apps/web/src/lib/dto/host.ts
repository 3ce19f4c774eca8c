import {
  agentCompatibility,
  ConfinementFactsSchema,
  LEGACY_PROTOCOL,
  type Compatibility,
  type ConfinementFacts,
} from '@berth/protocol';
import { HostPolicySchema, type HostPolicy } from '@berth/protocol';
import { z } from 'zod';

/**
 * The last upgrade asked of a host (the Host row's `upgrade` JSON): `upgrading` from the admin's
 * click until the agent reports, then `succeeded` or `failed` (refused, or rolled back).
 */
export const HostUpgradeSchema = z.object({
  state: z.enum(['upgrading', 'succeeded', 'failed']),
  fromVersion: z.string().nullable(),
  toVersion: z.string(),
  reason: z.string().nullable(),
  requestedBy: z.string(),
  at: z.string(),
});
export type HostUpgrade = z.infer<typeof HostUpgradeSchema>;

/** JSON shape of a host on the web API and the /ui socket (shared by server and browser). */
export const hostStatuses = ['pending', 'online', 'offline', 'revoked'] as const;
export type HostStatus = (typeof hostStatuses)[number];

export interface HostFactsDto {
  hostname: string | null;
  kernel: string | null;
  os: string | null;
  arch: string | null;
  cgroupVersion: number | null;
  cpus: number | null;
  memoryBytes: number | null;
  runcVersion: string | null;
  crunVersion: string | null;
  conmonVersion: string | null;
  agentVersion: string | null;
  /** The agent ↔ web protocol it speaks (null: never said; an agent of protocol 1). */
  protocolVersion: number | null;
  /** What a default container is confined by; null when the agent did not say (older agent). */
  confinement: ConfinementFacts | null;
}

export interface HostDto {
  id: string;
  name: string;
  status: HostStatus;
  createdAt: string;
  enrolledAt: string | null;
  lastSeenAt: string | null;
  revokedAt: string | null;
  facts: HostFactsDto;
  /** What the host's owner lets the web ask for; null when its agent has not said. */
  policy: HostPolicy | null;
  /** Whether this web can drive the host's agent (always true before an agent enrolled). */
  compatibility: Compatibility;
  upgrade: HostUpgrade | null;
}

/** The columns of a Host row this mapping reads (structural, so no Prisma import is needed). */
export interface HostRowLike {
  id: string;
  name: string;
  status: string;
  createdAt: Date;
  enrolledAt: Date | null;
  lastSeenAt: Date | null;
  revokedAt: Date | null;
  hostname: string | null;
  kernel: string | null;
  os: string | null;
  arch: string | null;
  cgroupVersion: number | null;
  cpus: number | null;
  memoryBytes: bigint | null;
  runcVersion: string | null;
  crunVersion: string | null;
  conmonVersion: string | null;
  agentVersion: string | null;
  protocolVersion?: number | null;
  /** JSON of ConfinementFacts, as the agent reported it. */
  confinement: string | null;
  policy?: string | null;
  upgrade?: string | null;
}

function iso(d: Date | null): string | null {
  return d ? d.toISOString() : null;
}

function parsePolicy(text: string | null | undefined): HostPolicy | null {
  if (!text) return null;
  try {
    const parsed = HostPolicySchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function toHostDto(row: HostRowLike): HostDto {
  const status = (hostStatuses as readonly string[]).includes(row.status)
    ? (row.status as HostStatus)
    : 'offline';
  return {
    id: row.id,
    name: row.name,
    status,
    createdAt: row.createdAt.toISOString(),
    enrolledAt: iso(row.enrolledAt),
    lastSeenAt: iso(row.lastSeenAt),
    revokedAt: iso(row.revokedAt),
    facts: {
      hostname: row.hostname,
      kernel: row.kernel,
      os: row.os,
      arch: row.arch,
      cgroupVersion: row.cgroupVersion,
      cpus: row.cpus,
      memoryBytes: row.memoryBytes === null ? null : Number(row.memoryBytes),
      runcVersion: row.runcVersion,
      crunVersion: row.crunVersion,
      conmonVersion: row.conmonVersion,
      agentVersion: row.agentVersion,
      protocolVersion: row.protocolVersion ?? null,
      confinement: parseConfinement(row.confinement),
    },
    policy: parsePolicy(row.policy),
    compatibility:
      row.agentVersion === null
        ? { compatible: true, needsUpgrade: false, reason: null }
        : agentCompatibility({
            agentVersion: row.agentVersion,
            protocolVersion: row.protocolVersion ?? LEGACY_PROTOCOL,
          }),
    upgrade: parseUpgrade(row.upgrade),
  };
}

function parseUpgrade(json: string | null | undefined): HostUpgrade | null {
  if (!json) return null;
  try {
    const r = HostUpgradeSchema.safeParse(JSON.parse(json));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

function parseConfinement(json: string | null): ConfinementFacts | null {
  if (json === null) return null;
  try {
    const r = ConfinementFactsSchema.safeParse(JSON.parse(json));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

export interface CreateHostResultDto {
  host: HostDto;
  joinToken: string;
  expiresAt: string;
  command: string;
}
