import { ProtocolError } from '@berth/protocol';
import type { UsersRepo } from '../users/users-repo.js';
import type { SessionsRepo } from './sessions-repo.js';
import type { AuditRepo } from '../audit/audit-repo.js';
import type { LoginThrottle } from './login-throttle.js';
import { claimedText } from './claimed-text.js';
import { dummyPasswordHash, hashPassword, verifyPassword } from './password.js';
import { randomSecret, sha256Hex } from './secrets.js';
import { isRole } from '../../lib/roles.js';
import type { Principal, RequestMeta } from './principal.js';
import { noSessionEnds, type SessionEndsPort } from './session-ends.js';

export interface AuthDeps {
  users: UsersRepo;
  sessions: SessionsRepo;
  audit: AuditRepo;
  throttle: LoginThrottle;
  sessionTtlMs: number;
  now?: () => Date;
  /** Told when sessions end (logout, password change) so their browser sockets are cut. */
  sessionEnds?: SessionEndsPort;
}

/** The audit actor of an unauthenticated attempt: never the name the client typed. */
export const ANONYMOUS = 'anonymous';

export function createAuthService(deps: AuthDeps) {
  const now = deps.now ?? (() => new Date());
  const sessionEnds = deps.sessionEnds ?? noSessionEnds;

  async function login(input: { username: string; password: string }, meta: RequestMeta) {
    const gate = await deps.throttle.check(meta.ip, input.username);
    if (!gate.allowed) {
      await deps.audit.record({
        actorId: null,
        actorName: ANONYMOUS,
        action: 'user.login',
        outcome: 'denied',
        detail: { reason: 'rate limited', claimedUsername: claimedText(input.username) },
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
      await deps.throttle.failed(meta.ip, input.username);
      // Nobody proved who they are: the actor is anonymous, the typed name only a claim.
      await deps.audit.record({
        actorId: null,
        actorName: ANONYMOUS,
        action: 'user.login',
        ...(user ? { target: `user:${user.id}` } : {}),
        outcome: 'failure',
        detail: {
          reason: user?.disabled && ok ? 'disabled' : 'bad credentials',
          claimedUsername: claimedText(input.username),
        },
        ip: meta.ip,
      });
      throw new ProtocolError('UNAUTHENTICATED', 'wrong username or password');
    }
    await deps.throttle.succeeded(meta.ip, input.username);
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
    return token ? principalOfSession(sha256Hex(token)) : null;
  }

  /** The principal of a session row, read now (the /ui hub re-checks acting events with it). */
  async function principalOfSession(id: string): Promise<Principal | null> {
    const session = await deps.sessions.findValid(id, now());
    if (!session || session.user.disabled || !isRole(session.user.role)) return null;
    return {
      userId: session.user.id,
      username: session.user.username,
      role: session.user.role,
      sessionId: id,
      expiresAt: session.expiresAt,
      mustChangePassword: session.user.mustChangePassword,
    };
  }

  async function logout(p: Principal, meta: RequestMeta) {
    await deps.sessions.remove(p.sessionId);
    sessionEnds.end({ sessionId: p.sessionId }, 'logged-out');
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
    sessionEnds.end({ userId: p.userId, exceptSessionId: p.sessionId }, 'password-changed');
    await deps.audit.record({
      actorId: p.userId,
      actorName: p.username,
      action: 'user.password.change',
      target: `user:${p.userId}`,
      outcome: 'success',
      ip: meta.ip,
    });
  }

  return { login, authenticate, principalOfSession, logout, changePassword };
}
export type AuthService = ReturnType<typeof createAuthService>;
