import { EnrollRequestSchema } from '@berth/protocol';
import { route } from '@/server/http/route.js';

/** Agents exchange a one-time join token for a host credential (no session, no Origin). */
export const POST = route(
  { auth: 'agent', body: EnrollRequestSchema },
  async ({ ctx, body, meta }) => ctx.hosts.enroll(body, meta),
);
