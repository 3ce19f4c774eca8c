import type { HostFacts } from '@berth/protocol';
import type { Db } from '../database/client.js';

export function factsColumns(f: HostFacts) {
  return {
    hostname: f.hostname,
    kernel: f.kernel,
    os: f.os,
    arch: f.arch,
    cgroupVersion: f.cgroupVersion,
    cpus: f.cpus,
    memoryBytes: BigInt(f.memoryBytes),
    runcVersion: f.runtimes.runc,
    crunVersion: f.runtimes.crun,
    conmonVersion: f.runtimes.conmon,
    agentVersion: f.agentVersion,
    protocolVersion: f.protocolVersion ?? null,
    confinement: f.confinement ? JSON.stringify(f.confinement) : null,
    policy: f.policy ? JSON.stringify(f.policy) : null,
  };
}

export type EnrollOutcome =
  | { ok: true; host: { id: string; name: string } }
  | { ok: false; reason: 'unknown' | 'expired' | 'used' | 'revoked' };

export function createHostsRepo(db: Db) {
  return {
    list: () => db.host.findMany({ orderBy: { name: 'asc' } }),
    findById: (id: string) => db.host.findUnique({ where: { id } }),
    findByName: (name: string) => db.host.findUnique({ where: { name } }),
    /** A new host with its one-time join token, in one transaction. */
    createWithToken: (
      host: { id: string; name: string },
      token: { id: string; secretHash: string; expiresAt: Date; createdById: string | null },
    ) =>
      db.$transaction(async (tx) => {
        const row = await tx.host.create({ data: { ...host, status: 'pending' } });
        await tx.joinToken.create({ data: { ...token, hostId: row.id } });
        return row;
      }),
    /** A fresh join token for an existing (not revoked) host; older unused tokens are dropped. */
    replaceToken: (
      hostId: string,
      token: { id: string; secretHash: string; expiresAt: Date; createdById: string | null },
    ) =>
      db.$transaction(async (tx) => {
        await tx.joinToken.deleteMany({ where: { hostId, usedAt: null } });
        return tx.joinToken.create({ data: { ...token, hostId } });
      }),
    rename: (id: string, name: string) => db.host.update({ where: { id }, data: { name } }),
    revoke: (id: string, now: Date) =>
      db.$transaction(async (tx) => {
        await tx.joinToken.deleteMany({ where: { hostId: id, usedAt: null } });
        return tx.host.update({
          where: { id },
          data: { status: 'revoked', revokedAt: now, credentialHash: null },
        });
      }),
    /**
     * Deletes a host and everything mirrored from it (containers and their stats history,
     * images, layers, networks, join tokens) in one transaction. Returns what was removed.
     */
    remove: (id: string) =>
      db.$transaction(async (tx) => {
        const containers = await tx.container.findMany({
          where: { hostId: id },
          select: { id: true },
        });
        const ids = containers.map((c) => c.id);
        const stats = await tx.statsRollup.deleteMany({ where: { containerId: { in: ids } } });
        await tx.container.deleteMany({ where: { hostId: id } });
        await tx.imageLayer.deleteMany({ where: { image: { hostId: id } } });
        const images = await tx.image.deleteMany({ where: { hostId: id } });
        await tx.layer.deleteMany({ where: { hostId: id } });
        const networks = await tx.network.deleteMany({ where: { hostId: id } });
        await tx.joinToken.deleteMany({ where: { hostId: id } });
        await tx.host.delete({ where: { id } });
        return {
          containers: ids.length,
          images: images.count,
          networks: networks.count,
          statsMinutes: stats.count,
        };
      }),
    findToken: (id: string) => db.joinToken.findUnique({ where: { id } }),
    /**
     * Exchange a join token for a credential: the token is marked used in the same transaction
     * that stores the credential hash, and the `usedAt: null` guard makes a concurrent second use
     * update nothing.
     */
    enroll: (args: {
      tokenId: string;
      secretMatches: (secretHash: string) => boolean;
      credentialHash: string;
      facts: HostFacts;
      now: Date;
    }): Promise<EnrollOutcome> =>
      db.$transaction(async (tx) => {
        const token = await tx.joinToken.findUnique({
          where: { id: args.tokenId },
          include: { host: true },
        });
        if (!token || !args.secretMatches(token.secretHash))
          return { ok: false, reason: 'unknown' };
        if (token.usedAt) return { ok: false, reason: 'used' };
        if (token.expiresAt <= args.now) return { ok: false, reason: 'expired' };
        if (token.host.status === 'revoked') return { ok: false, reason: 'revoked' };
        const marked = await tx.joinToken.updateMany({
          where: { id: token.id, usedAt: null },
          data: { usedAt: args.now },
        });
        if (marked.count !== 1) return { ok: false, reason: 'used' };
        const host = await tx.host.update({
          where: { id: token.hostId },
          data: {
            credentialHash: args.credentialHash,
            enrolledAt: args.now,
            status: 'pending',
            ...factsColumns(args.facts),
          },
        });
        return { ok: true, host: { id: host.id, name: host.name } };
      }),
    markOnline: (id: string, facts: HostFacts | null, now: Date) =>
      db.host.update({
        where: { id },
        data: { status: 'online', lastSeenAt: now, ...(facts ? factsColumns(facts) : {}) },
      }),
    touch: (id: string, now: Date) =>
      db.host.updateMany({ where: { id, status: { not: 'revoked' } }, data: { lastSeenAt: now } }),
    markOffline: (id: string) =>
      db.host.updateMany({
        where: { id, status: { not: 'revoked' } },
        data: { status: 'offline' },
      }),
    /** Hosts marked online whose agent was last heard from before `before`. */
    staleOnline: (before: Date) =>
      db.host.findMany({
        where: { status: 'online', OR: [{ lastSeenAt: null }, { lastSeenAt: { lt: before } }] },
        select: { id: true, name: true },
      }),
    /** The last upgrade asked of the host (JSON of HostUpgrade). */
    setUpgrade: (id: string, upgrade: string) =>
      db.host.update({ where: { id }, data: { upgrade } }),
    /** On start-up nothing is connected yet. */
    markAllOffline: () =>
      db.host.updateMany({ where: { status: 'online' }, data: { status: 'offline' } }),
  };
}
export type HostsRepo = ReturnType<typeof createHostsRepo>;
