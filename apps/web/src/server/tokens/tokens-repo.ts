import type { Db } from '../database/client.js';

export interface TokenRowInput {
  id: string;
  userId: string;
  name: string;
  tokenHash: string;
  prefix: string;
  scopes: string;
  hosts: string | null;
  expiresAt: Date | null;
}

const withOwner = { user: { select: { id: true, username: true } } } as const;

/** The only module that touches the ApiToken table. */
export function createTokensRepo(db: Db) {
  return {
    create: (data: TokenRowInput) => db.apiToken.create({ data, include: withOwner }),
    list: (userId: string | null) =>
      db.apiToken.findMany({
        where: userId ? { userId } : {},
        include: withOwner,
        orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
      }),
    findById: (id: string) => db.apiToken.findUnique({ where: { id }, include: withOwner }),
    /** The token (by the sha256 of its value) with its owner, whatever its state. */
    findByHash: (tokenHash: string) =>
      db.apiToken.findUnique({ where: { tokenHash }, include: { user: true } }),
    revoke: (id: string, at: Date) =>
      db.apiToken.update({ where: { id }, data: { revokedAt: at }, include: withOwner }),
    touch: (id: string, at: Date, ip: string | null) =>
      db.apiToken.updateMany({ where: { id }, data: { lastUsedAt: at, lastUsedIp: ip } }),
  };
}
export type TokensRepo = ReturnType<typeof createTokensRepo>;
export type TokenRow = NonNullable<Awaited<ReturnType<TokensRepo['findById']>>>;
