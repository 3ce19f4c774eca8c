import { ProtocolError, type RegistryAuth } from '@berth/protocol';
import type { AuditRepo } from '../audit/audit-repo.js';
import type { Principal, RequestMeta } from '../auth/principal.js';
import type { RegistryCredentialDto } from '../../lib/dto/registry-credential.js';
import type { RegistryGrantsService } from '../registry-grants/grants-service.js';
import { registryOf, validRegistry } from '../registry-grants/registry-host.js';
import { seal, unseal, type SecretKey } from '../secrets/secret-box.js';
import { allows } from '../tokens/access.js';
import type { RegistryCredentialRow, RegistryCredentialsRepo } from './credentials-repo.js';

/** What a pull or push may use: the host's own `berth login` store, and/or the web's. */
export interface TransferCredentials {
  /** The agent may use what `berth login` stored on its host. */
  storedCredentials: boolean;
  /** Credentials the web keeps for the registry, sent with this transfer only. */
  auth?: RegistryAuth;
}

const sealContext = (registry: string) => `registry:${registry}`;

const toDto = (r: RegistryCredentialRow): RegistryCredentialDto => ({
  registry: r.registry,
  username: r.username,
  storedBy: r.storedBy,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

/**
 * Registry credentials an admin stores in the web once, for every host. The password is sealed
 * with the web's key before it reaches the database and never leaves the web again except with
 * a pull or push to the agent doing it — for admins always, for others only for registries an
 * admin granted (the same rule as credentials stored on a host). Storing, replacing and removing
 * need `registries.manage` (admins) and are audited with the registry and username only.
 */
export function createRegistryCredentialsService(deps: {
  repo: RegistryCredentialsRepo;
  audit: AuditRepo;
  grants: Pick<RegistryGrantsService, 'mayUseStoredCredentials'>;
  key: () => Promise<SecretKey>;
}) {
  function mustManage(p: Principal) {
    if (!allows(p, 'registries.manage')) {
      throw new ProtocolError('PERMISSION_DENIED', 'only an admin may manage registry credentials');
    }
  }

  async function record(
    p: Principal,
    meta: RequestMeta,
    action: string,
    registry: string,
    detail: Record<string, unknown>,
  ) {
    await deps.audit.record({
      actorId: p.userId,
      actorName: p.username,
      action,
      target: `registry:${registry}`,
      outcome: 'success',
      detail,
      ip: meta.ip,
    });
  }

  return {
    async list(p: Principal): Promise<RegistryCredentialDto[]> {
      mustManage(p);
      return (await deps.repo.list()).map(toDto);
    },

    /** Stores credentials for a registry, replacing what was there. */
    async store(
      p: Principal,
      input: { registry: string; username: string; password: string },
      meta: RequestMeta,
    ): Promise<RegistryCredentialDto> {
      mustManage(p);
      const registry = validRegistry(input.registry);
      const secret = seal(await deps.key(), input.password, sealContext(registry));
      const { row, replaced } = await deps.repo.put({
        registry,
        username: input.username,
        secret,
        storedBy: p.username,
      });
      await record(p, meta, 'registry.credentials.store', registry, {
        username: input.username,
        replaced,
      });
      return toDto(row);
    },

    async remove(p: Principal, registry: string, meta: RequestMeta): Promise<{ removed: boolean }> {
      mustManage(p);
      const r = validRegistry(registry);
      const removed = await deps.repo.remove(r);
      await record(p, meta, 'registry.credentials.remove', r, { removed });
      return { removed };
    },

    /**
     * What a pull or push of `ref` by `p` may use. A registry the web keeps credentials for is
     * refused (PERMISSION_DENIED, naming it) to whoever may not use them, rather than tried
     * anonymously.
     */
    async forTransfer(p: Principal, ref: string): Promise<TransferCredentials> {
      const allowed = await deps.grants.mayUseStoredCredentials(p, ref);
      const registry = registryOf(ref);
      const row = await deps.repo.get(registry);
      if (!row) return { storedCredentials: allowed };
      if (!allowed) {
        throw new ProtocolError(
          'PERMISSION_DENIED',
          `${registry} needs the registry credentials an admin stored in Berth; only an admin, or a user an admin granted ${registry} to, may use them`,
        );
      }
      const password = unseal(await deps.key(), row.secret, sealContext(registry));
      return { storedCredentials: true, auth: { username: row.username, password } };
    },
  };
}
export type RegistryCredentialsService = ReturnType<typeof createRegistryCredentialsService>;
