import type { Network, NetworkContainer } from '@berth/protocol';
import type { Db } from '../database/client.js';
import type { NetworkDto } from '../../lib/dto/network.js';

function parseJson<T>(json: string, fallback: T, ok: (v: unknown) => boolean): T {
  try {
    const v: unknown = JSON.parse(json);
    return ok(v) ? (v as T) : fallback;
  } catch {
    return fallback;
  }
}

/** The Network table: the web's mirror of each agent's networks (`inventory.networks`). */
export function createNetworksRepo(db: Db) {
  return {
    /** Replace one host's networks with the agent's full list, in one transaction. */
    async replaceAll(hostId: string, networks: readonly Network[]): Promise<void> {
      await db.$transaction(async (tx) => {
        const keep = networks.map((n) => `${hostId}:${n.id}`);
        await tx.network.deleteMany({ where: { hostId, id: { notIn: keep } } });
        for (const n of networks) {
          const id = `${hostId}:${n.id}`;
          const data = {
            name: n.name,
            driver: n.driver,
            bridge: n.bridge,
            subnet: n.subnet,
            gateway: n.gateway,
            internal: n.internal,
            dns: n.dns,
            builtin: n.builtin,
            labels: JSON.stringify(n.labels),
            containers: JSON.stringify(n.containers),
            createdAt: new Date(n.createdAt),
            syncedAt: new Date(),
          };
          await tx.network.upsert({
            where: { id },
            create: { id, hostId, networkId: n.id, ...data },
            update: data,
          });
        }
      });
    },

    /** A host's networks: the built-in one first, then by name. */
    async list(hostId: string): Promise<NetworkDto[]> {
      const rows = await db.network.findMany({
        where: { hostId },
        orderBy: [{ builtin: 'desc' }, { name: 'asc' }],
      });
      return rows.map((r) => ({
        id: r.networkId,
        name: r.name,
        driver: r.driver,
        bridge: r.bridge,
        subnet: r.subnet,
        gateway: r.gateway,
        internal: r.internal,
        dns: r.dns,
        builtin: r.builtin,
        labels: parseJson<Record<string, string>>(
          r.labels,
          {},
          (v) => typeof v === 'object' && v !== null && !Array.isArray(v),
        ),
        createdAt: r.createdAt.toISOString(),
        containers: parseJson<NetworkContainer[]>(r.containers, [], Array.isArray),
      }));
    },
  };
}
export type NetworksRepo = ReturnType<typeof createNetworksRepo>;
