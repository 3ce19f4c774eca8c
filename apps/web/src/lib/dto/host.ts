import { ConfinementFactsSchema, type ConfinementFacts } from '@berth/protocol';
import { HostPolicySchema, type HostPolicy } from '@berth/protocol';

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
  /** JSON of ConfinementFacts, as the agent reported it. */
  confinement: string | null;
  policy?: string | null;
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
      confinement: parseConfinement(row.confinement),
    },
    policy: parsePolicy(row.policy),
  };
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
