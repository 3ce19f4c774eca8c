import type { AuditRepo } from '../audit/audit-repo.js';
import type { RegistryGrantsRepo } from './grants-repo.js';
import type { Principal, RequestMeta } from '../auth/principal.js';
import type { RegistryGrantDto } from '../../lib/dto/registry-grant.js';
import { allows } from '../tokens/access.js';
import { registryOf, validRegistry as valid } from './registry-host.js';

/**
 * Who may make an agent use the registry credentials stored on its host (`berth login`): an
 * admin always; anyone else who may pull only for registries an admin granted. Every grant and
 * revoke is audited.
 */
export function createRegistryGrantsService(deps: {
  grants: RegistryGrantsRepo;
  audit: AuditRepo;
}) {
  async function record(p: Principal, meta: RequestMeta, action: string, registry: string) {
    await deps.audit.record({
      actorId: p.userId,
      actorName: p.username,
      action,
      target: `registry:${registry}`,
      outcome: 'success',
      ip: meta.ip,
    });
  }

  return {
    /** Whether a pull or push of `ref` by `p` may use stored credentials. */
    async mayUseStoredCredentials(p: Principal, ref: string): Promise<boolean> {
      if (allows(p, 'registries.credentials')) return true;
      return deps.grants.has(registryOf(ref));
    },
    async list(): Promise<RegistryGrantDto[]> {
      return (await deps.grants.list()).map((g) => ({
        registry: g.registry,
        grantedBy: g.grantedBy,
        createdAt: g.createdAt.toISOString(),
      }));
    },
    async grant(p: Principal, registry: string, meta: RequestMeta): Promise<RegistryGrantDto> {
      const r = valid(registry);
      const row = await deps.grants.grant(r, p.username);
      await record(p, meta, 'registry.grant', r);
      return {
        registry: row.registry,
        grantedBy: row.grantedBy,
        createdAt: row.createdAt.toISOString(),
      };
    },
    async revoke(p: Principal, registry: string, meta: RequestMeta): Promise<{ revoked: boolean }> {
      const r = valid(registry);
      const { count } = await deps.grants.revoke(r);
      await record(p, meta, 'registry.revoke', r);
      return { revoked: count > 0 };
    },
  };
}
export type RegistryGrantsService = ReturnType<typeof createRegistryGrantsService>;
