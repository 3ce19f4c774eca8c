import { ProtocolError } from '@berth/protocol';
import type { UsersRepo } from '../db/users.js';
import type { SessionsRepo } from '../db/sessions.js';
import type { AuditRepo } from '../db/audit.js';
import type { RateLimiter } from '../auth/rate-limit.js';
import { loginRateKey } from '../auth/rate-limit.js';
import { dummyPasswordHash, hashPassword, verifyPassword } from '../auth/password.js';
import { randomSecret, sha256Hex } from '../auth/secrets.js';
import { isRole } from '../../lib/roles.js';
import type { Principal, RequestMeta } from './principal.js';

export interface AuthDeps {
  users: UsersRepo;
  sessions: SessionsRepo;
  audit: AuditRepo;
  limiter: RateLimiter;
  sessionTtlMs: number;
  now?: () => Date;
  /** Called when a user's sessions end (logout, password change), e.g. to cut their sockets. */
  onSessionsEnded?: (userId: string) => void;
}

export function createAuthService(deps: AuthDeps) {
  const now = deps.now ?? (() => new Date());

  async function login(input: { username: string; password: string }, meta: RequestMeta) {
    const key = loginRateKey(meta.ip, input.username);
    const gate = deps.limiter.check(key);
    if (!gate.allowed) {
      await deps.audit.record({
        actorId: null,
        actorName: input.username,
        action: 'user.login',
        outcome: 'denied',
        detail: { reason: 'rate limited' },
        ip: meta.ip,
      });
      throw new ProtocolError(
        'RESOURCE_EXHAUSTED',
        `too many failed logins; try again in ${Math.ceil(gate.retryAfterMs / 1000)} s`,
        { retryAfterSec: Math.ceil(gate.retryAfterMs / 1000) },
      );
    }
    const user = await deps.users.findByUsername(input.username);
    const ok = user
      ? await verifyPassword(user.passwordHash, input.password)
      : await verifyPassword(await dummyPasswordHash(), input.password);
    if (!user || !ok || user.disabled || !isRole(user.role)) {
      deps.limiter.recordFailure(key);
      await deps.audit.record({
        actorId: user?.id ?? null,
        actorName: input.username,
        action: 'user.login',
        outcome: 'failure',
        detail: { reason: user?.disabled && ok ? 'disabled' : 'bad credentials' },
        ip: meta.ip,
      });
      throw new ProtocolError('UNAUTHENTICATED', 'wrong username or password');
    }
    deps.limiter.reset(key);
    const token = randomSecret(32);
    const expiresAt = new Date(now().getTime() + deps.sessionTtlMs);
    await deps.sessions.create({
      id: sha256Hex(token),
      userId: user.id,
      expiresAt,
      ip: meta.ip,
      userAgent: meta.userAgent?.slice(0, 512) ?? null,
    });
    await deps.users.update(user.id, { lastLoginAt: now() });
    await deps.audit.record({
      actorId: user.id,
      actorName: user.username,
      action: 'user.login',
      target: `user:${user.id}`,
      outcome: 'success',
      ip: meta.ip,
    });
    return { token, expiresAt, user };
  }

  /** The principal behind a session cookie value, or null (unknown, expired, disabled). */
  async function authenticate(token: string | null): Promise<Principal | null> {
    if (!token) return null;
    const id = sha256Hex(token);
    const session = await deps.sessions.findValid(id, now());
    if (!session || session.user.disabled || !isRole(session.user.role)) return null;
    return {
      userId: session.user.id,
      username: session.user.username,
      role: session.user.role,
      sessionId: id,
      mustChangePassword: session.user.mustChangePassword,
    };
  }

  async function logout(p: Principal, meta: RequestMeta) {
    await deps.sessions.remove(p.sessionId);
    await deps.audit.record({
      actorId: p.userId,
      actorName: p.username,
      action: 'user.logout',
      target: `user:${p.userId}`,
      outcome: 'success',
      ip: meta.ip,
    });
  }

  async function changePassword(
    p: Principal,
    input: { currentPassword: string; newPassword: string },
    meta: RequestMeta,
  ) {
    const user = await deps.users.findById(p.userId);
    if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
      await deps.audit.record({
        actorId: p.userId,
        actorName: p.username,
        action: 'user.password.change',
        target: `user:${p.userId}`,
        outcome: 'failure',
        detail: { reason: 'wrong current password' },
        ip: meta.ip,
      });
      throw new ProtocolError('PERMISSION_DENIED', 'the current password is wrong');
    }
    await deps.users.update(p.userId, {
      passwordHash: await hashPassword(input.newPassword),
      mustChangePassword: false,
    });
    // Every other session of this user ends; this one stays.
    await deps.sessions.removeForUser(p.userId, p.sessionId);
    await deps.audit.record({
      actorId: p.userId,
      actorName: p.username,
      action: 'user.password.change',
      target: `user:${p.userId}`,
      outcome: 'success',
      ip: meta.ip,
    });
  }

  return { login, authenticate, logout, changePassword };
}
export type AuthService = ReturnType<typeof createAuthService>;
