import type { Db } from '../database/client.js';

export function createSessionsRepo(db: Db) {
  return {
    create: (data: {
      id: string;
      userId: string;
      expiresAt: Date;
      ip: string | null;
      userAgent: string | null;
    }) => db.session.create({ data }),
    /** The session (by the sha256 of its cookie value) with its user, if not expired. */
    findValid: (id: string, now: Date) =>
      db.session.findFirst({ where: { id, expiresAt: { gt: now } }, include: { user: true } }),
    touch: (id: string, now: Date) =>
      db.session.updateMany({ where: { id }, data: { lastSeenAt: now } }),
    remove: (id: string) => db.session.deleteMany({ where: { id } }),
    removeForUser: (userId: string, exceptId?: string) =>
      db.session.deleteMany({ where: { userId, ...(exceptId ? { id: { not: exceptId } } : {}) } }),
    removeExpired: (now: Date) => db.session.deleteMany({ where: { expiresAt: { lte: now } } }),
  };
}
export type SessionsRepo = ReturnType<typeof createSessionsRepo>;
