import { route } from '@/server/http/route.js';
import { PreviewNewStackBody } from '@/lib/stack-api-schemas.js';

/** What deploying a new stack would do on a host (nothing is changed). */
export const POST = route(
  { auth: 'stacks.deploy', body: PreviewNewStackBody },
  async ({ ctx, body }) =>
    ctx.stacks.preview(body.name, body.hostId, { compose: body.compose, env: body.env }),
);
