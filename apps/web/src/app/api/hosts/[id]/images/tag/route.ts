import { route } from '@/server/http/route.js';
import { TagImageBody } from '@/lib/image-api-schemas.js';

export const POST = route(
  { auth: 'containers.operate', body: TagImageBody },
  async ({ ctx, params, principal, meta, body }) =>
    ctx.images.tag({ principal, meta }, params.id ?? '', body),
);
