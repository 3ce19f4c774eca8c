import type { openDatabase } from '@berth/db';

/**
 * The only modules that touch Prisma are the domain folders' `*-repo.ts` files. The client is
 * opened once by the composition root (server/main.ts) and handed to the repositories.
 */
export type Database = Awaited<ReturnType<typeof openDatabase>>;
export type Db = Database['prisma'];
