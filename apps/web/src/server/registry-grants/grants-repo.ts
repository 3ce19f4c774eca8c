import type { Db } from '../database/client.js';

/** Registries whose stored credentials (on the agents) non-admins may use through the web. */
export function createRegistryGrantsRepo(db: Db) {
  return {
    list: () => db.registryGrant.findMany({ orderBy: { registry: 'asc' } }),
    has: async (registry: string) =>
      (await db.registryGrant.findUnique({ where: { registry } })) !== null,
    grant: (registry: string, grantedBy: string) =>
      db.registryGrant.upsert({
        where: { registry },
        create: { registry, grantedBy },
        update: {},
      }),
    revoke: (registry: string) => db.registryGrant.deleteMany({ where: { registry } }),
  };
}
export type RegistryGrantsRepo = ReturnType<typeof createRegistryGrantsRepo>;
