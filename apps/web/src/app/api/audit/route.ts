import { ProtocolError } from '@berth/protocol';
import { route } from '@/server/http/route.js';
import { AuditQuery } from '@/lib/api-schemas.js';

export const GET = route({ auth: 'audit.read' }, async ({ ctx, req }) => {
  const query = AuditQuery.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!query.success) throw new ProtocolError('INVALID_ARGUMENT', 'bad audit filter');
  return ctx.audit.list(query.data);
});
