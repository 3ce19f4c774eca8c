import { ProjectNameSchema } from '@berth/protocol';
import { route } from '@/server/http/route.js';
import { PreviewStackBody } from '@/lib/stack-api-schemas.js';

const Body = PreviewStackBody.extend({ name: ProjectNameSchema.max(63) }).strict();

/** What deploying a new stack would do on a host (nothing is changed). */
export const POST = route({ auth: 'stacks.deploy', body: Body }, async ({ ctx, body }) =>
  ctx.stacks.preview(body.name, body.hostId, { compose: body.compose, env: body.env }),
);
