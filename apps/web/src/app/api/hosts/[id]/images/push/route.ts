import { route } from '@/server/http/route.js';
import { PushImageBody } from '@/lib/image-api-schemas.js';

export const POST = route(
  { auth: 'containers.operate', body: PushImageBody },
  async ({ ctx, params, principal, meta, body }) =>
    ctx.images.push({ principal, meta }, params.id ?? '', body),
);
