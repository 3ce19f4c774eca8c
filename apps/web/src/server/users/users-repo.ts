import type { Db } from '../database/client.js';
import type { Role } from '../../lib/roles.js';

export function createUsersRepo(db: Db) {
  return {
    count: () => db.user.count(),
    findByUsername: (username: string) => db.user.findUnique({ where: { username } }),
    findById: (id: string) => db.user.findUnique({ where: { id } }),
    list: () => db.user.findMany({ orderBy: { username: 'asc' } }),
    create: (data: {
      id: string;
      username: string;
      passwordHash: string;
      role: Role;
      mustChangePassword?: boolean;
    }) => db.user.create({ data }),
    update: (
      id: string,
      data: Partial<{
        role: Role;
        disabled: boolean;
        passwordHash: string;
        mustChangePassword: boolean;
        lastLoginAt: Date;
      }>,
    ) => db.user.update({ where: { id }, data }),
    remove: (id: string) => db.user.delete({ where: { id } }),
    countActiveAdmins: () => db.user.count({ where: { role: 'admin', disabled: false } }),
  };
}
export type UsersRepo = ReturnType<typeof createUsersRepo>;
