import type { Db } from '../database/client.js';

/** One stored credential: the password only sealed (see secrets/secret-box.ts). */
export interface RegistryCredentialRow {
  registry: string;
  username: string;
  secret: string;
  storedBy: string;
  createdAt: Date;
  updatedAt: Date;
}

/** Registry credentials kept by the web, one row per registry host. */
export function createRegistryCredentialsRepo(db: Db) {
  return {
    list: (): Promise<RegistryCredentialRow[]> =>
      db.registryCredential.findMany({ orderBy: { registry: 'asc' } }),
    get: (registry: string): Promise<RegistryCredentialRow | null> =>
      db.registryCredential.findUnique({ where: { registry } }),
    /** Creates or replaces; `replaced` says which. */
    async put(row: {
      registry: string;
      username: string;
      secret: string;
      storedBy: string;
    }): Promise<{ row: RegistryCredentialRow; replaced: boolean }> {
      const existed =
        (await db.registryCredential.count({ where: { registry: row.registry } })) > 0;
      const saved = await db.registryCredential.upsert({
        where: { registry: row.registry },
        create: row,
        update: { username: row.username, secret: row.secret, storedBy: row.storedBy },
      });
      return { row: saved, replaced: existed };
    },
    remove: async (registry: string): Promise<boolean> =>
      (await db.registryCredential.deleteMany({ where: { registry } })).count > 0,
  };
}
export type RegistryCredentialsRepo = ReturnType<typeof createRegistryCredentialsRepo>;
