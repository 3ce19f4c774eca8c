import { route } from '@/server/http/route.js';
import { RemoveImageBody } from '@/lib/image-api-schemas.js';

export const POST = route(
  { auth: 'containers.operate', body: RemoveImageBody },
  async ({ ctx, params, principal, meta, body }) =>
    ctx.images.remove({ principal, meta }, params.id ?? '', body),
);
