import type { Server } from 'socket.io';
import type { Env } from '../../env.js';
import type { Logger } from '@berth/log';

/** The table @socket.io/postgres-adapter keeps payloads in that do not fit a NOTIFY (8000 B, binary). */
const ATTACHMENTS_DDL = `CREATE TABLE IF NOT EXISTS socket_io_attachments (
  id bigserial UNIQUE, created_at timestamptz DEFAULT NOW(), payload bytea)`;

export interface AttachedAdapter {
  kind: Env['cluster']['adapter'];
  close(): Promise<void>;
}

/**
 * Puts socket.io's maintained cluster adapter on `io` (every namespace): PostgreSQL
 * LISTEN/NOTIFY on the application database, or Redis pub/sub. With `none` socket.io keeps its
 * in-memory adapter (one process).
 */
export async function attachAdapter(
  io: Server,
  cluster: Env['cluster'],
  databaseUrl: string,
  log: Logger,
): Promise<AttachedAdapter> {
  if (cluster.adapter === 'none') return { kind: 'none', close: async () => undefined };
  if (cluster.adapter === 'postgres') {
    const [{ default: pg }, { createAdapter }] = await Promise.all([
      import('pg'),
      import('@socket.io/postgres-adapter'),
    ]);
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
    pool.on('error', (err) => log.error(`cluster adapter (postgres): ${err.message}`));
    await pool.query(ATTACHMENTS_DDL);
    io.adapter(
      createAdapter(pool, {
        errorHandler: (err) => log.error(`cluster adapter (postgres): ${err.message}`),
      }),
    );
    return { kind: 'postgres', close: () => pool.end() };
  }
  const [{ createClient }, { createAdapter }] = await Promise.all([
    import('redis'),
    import('@socket.io/redis-adapter'),
  ]);
  const pub = createClient({ url: cluster.redisUrl });
  const sub = pub.duplicate();
  for (const c of [pub, sub]) {
    c.on('error', (err: Error) => log.error(`cluster adapter (redis): ${err.message}`));
  }
  await Promise.all([pub.connect(), sub.connect()]);
  io.adapter(createAdapter(pub, sub, { requestsTimeout: 5000 }));
  return {
    kind: 'redis',
    async close() {
      await Promise.allSettled([pub.quit(), sub.quit()]);
    },
  };
}
