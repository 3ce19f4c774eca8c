import { ProtocolError } from '@berth/protocol';
import type { UsersRepo } from './users-repo.js';
import type { SessionsRepo } from '../auth/sessions-repo.js';
import type { AuditRepo } from '../audit/audit-repo.js';
import { hashPassword } from '../auth/password.js';
import { randomId } from '../auth/secrets.js';
import type { Role } from '../../lib/roles.js';
import { toUserDto, type UserDto } from '../../lib/dto/user.js';
import type { Principal, RequestMeta } from '../auth/principal.js';
import { noSessionEnds, type SessionEndsPort } from '../auth/session-ends.js';
import { auditedRun } from '../audit/audited.js';

export interface UsersDeps {
  users: UsersRepo;
  sessions: SessionsRepo;
  audit: AuditRepo;
  /** Told when a user's sessions end or change meaning, so their browser sockets are cut. */
  sessionEnds?: SessionEndsPort;
}

export function createUsersService(deps: UsersDeps) {
  const sessionEnds = deps.sessionEnds ?? noSessionEnds;
  const audited = <T>(
    principal: Principal,
    meta: RequestMeta,
    action: string,
    target: string,
    detail: Record<string, unknown> | null,
    run: () => Promise<T>,
  ): Promise<T> => auditedRun(deps.audit, { principal, meta, action, target, detail }, run);

  async function existing(id: string) {
    const user = await deps.users.findById(id);
    if (!user) throw new ProtocolError('NOT_FOUND', `no user ${id}`);
    return user;
  }

  async function notLastAdmin(id: string) {
    const user = await existing(id);
    if (user.role === 'admin' && !user.disabled && (await deps.users.countActiveAdmins()) <= 1) {
      throw new ProtocolError('FAILED_PRECONDITION', 'the last active admin cannot be changed');
    }
    return user;
  }

  function notSelf(p: Principal, id: string, what: string) {
    if (p.userId === id)
      throw new ProtocolError('FAILED_PRECONDITION', `you cannot ${what} yourself`);
  }

  return {
    list: async (): Promise<UserDto[]> => (await deps.users.list()).map(toUserDto),
    get: async (id: string): Promise<UserDto> => toUserDto(await existing(id)),

    create: (
      p: Principal,
      input: { username: string; password: string; role: Role },
      meta: RequestMeta,
    ): Promise<UserDto> =>
      audited(p, meta, 'user.create', `user:${input.username}`, { role: input.role }, async () => {
        if (await deps.users.findByUsername(input.username)) {
          throw new ProtocolError('ALREADY_EXISTS', `user ${input.username} already exists`);
        }
        const row = await deps.users.create({
          id: randomId(),
          username: input.username,
          passwordHash: await hashPassword(input.password),
          role: input.role,
          mustChangePassword: true,
        });
        return toUserDto(row);
      }),

    update: (
      p: Principal,
      id: string,
      input: { role?: Role; disabled?: boolean },
      meta: RequestMeta,
    ): Promise<UserDto> =>
      audited(p, meta, 'user.update', `user:${id}`, { ...input }, async () => {
        if (input.role !== undefined || input.disabled !== undefined) notSelf(p, id, 'change');
        const demotes = (input.role && input.role !== 'admin') || input.disabled === true;
        const before = demotes ? await notLastAdmin(id) : await existing(id);
        const row = await deps.users.update(id, input);
        if (input.disabled && !before.disabled) {
          await deps.sessions.removeForUser(id);
          sessionEnds.end({ userId: id }, 'disabled');
        } else if (input.role !== undefined && input.role !== before.role) {
          // The session lives on, but every open socket acted with the old role: cut them.
          sessionEnds.end({ userId: id }, 'role-changed');
        }
        return toUserDto(row);
      }),

    resetPassword: (p: Principal, id: string, password: string, meta: RequestMeta) =>
      audited(p, meta, 'user.password.reset', `user:${id}`, null, async () => {
        await existing(id);
        await deps.users.update(id, {
          passwordHash: await hashPassword(password),
          mustChangePassword: true,
        });
        await deps.sessions.removeForUser(id);
        sessionEnds.end({ userId: id }, 'password-reset');
      }),

    remove: (p: Principal, id: string, meta: RequestMeta) =>
      audited(p, meta, 'user.delete', `user:${id}`, null, async () => {
        notSelf(p, id, 'delete');
        await notLastAdmin(id);
        await deps.users.remove(id);
        sessionEnds.end({ userId: id }, 'deleted');
      }),
  };
}
export type UsersService = ReturnType<typeof createUsersService>;
