import type { UsersRepo } from './users-repo.js';
import type { AuditRepo } from '../audit/audit-repo.js';
import { hashPassword } from '../auth/password.js';
import { randomId, randomSecret } from '../auth/secrets.js';

/**
 * On the first start (no user at all) create `admin`. The password comes from
 * BERTH_ADMIN_PASSWORD, else a random one is returned so the caller prints it once.
 */
export async function ensureFirstAdmin(
  deps: { users: UsersRepo; audit: AuditRepo },
  configured: string | null,
): Promise<{ created: false } | { created: true; generatedPassword: string | null }> {
  if ((await deps.users.count()) > 0) return { created: false };
  const password = configured ?? randomSecret(18);
  const user = await deps.users.create({
    id: randomId(),
    username: 'admin',
    passwordHash: await hashPassword(password),
    role: 'admin',
    mustChangePassword: configured === null,
  });
  await deps.audit.record({
    actorId: null,
    actorName: 'system',
    action: 'user.create',
    target: `user:${user.id}`,
    outcome: 'success',
    detail: { username: 'admin', role: 'admin', bootstrap: true },
  });
  return { created: true, generatedPassword: configured === null ? password : null };
}
