import { ContainerRefSchema, type LogLine } from '@berth/protocol';
import { z } from 'zod';
import { route } from '@/server/http/route.js';
import { parseParams, parseQuery } from '@/server/http/query.js';
import { LogsQuery } from '@/lib/container-api-schemas.js';

const Ref = z.object({ cid: ContainerRefSchema });

function asText(entries: readonly LogLine[]): string {
  return entries.map((e) => `${e.time} ${e.stream} ${e.text}\n`).join('');
}

/** The newest `tail` lines (`container.logs`); `?download=true` answers a text file. */
export const GET = route({ auth: 'containers.read' }, async ({ ctx, params, req }) => {
  const { cid } = parseParams(params, Ref);
  const q = parseQuery(req, LogsQuery);
  const logs = await ctx.containers.logs(params.id ?? '', cid, {
    tail: q.tail,
    ...(q.since !== undefined ? { since: q.since } : {}),
  });
  if (!q.download) return logs;
  const file = `${cid.slice(0, 12)}-logs.txt`;
  return new Response(asText(logs.entries), {
    headers: {
      'content-type': 'text/plain; charset=utf-8',
      'content-disposition': `attachment; filename="${file}"`,
    },
  });
});
