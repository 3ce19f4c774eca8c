import { route } from '@/server/http/route.js';
import { PreviewStackBody } from '@/lib/stack-api-schemas.js';

/** What deploying this file would do on a host: which containers are created, recreated, removed. */
export const POST = route(
  { auth: 'stacks.deploy', body: PreviewStackBody },
  async ({ ctx, params, body }) => {
    const { hostId, ...file } = body;
    return ctx.stacks.preview(params.name ?? '', hostId, {
      compose: file.compose,
      env: file.env ?? '',
    });
  },
);
