import { route } from '@/server/http/route.js';
import { PullImageBody } from '@/lib/image-api-schemas.js';

/** Pull an image (answers when done; per-layer progress goes to the caller's /ui socket). */
export const POST = route(
  { auth: 'containers.operate', body: PullImageBody },
  async ({ ctx, params, principal, meta, body }) =>
    ctx.images.pull({ principal, meta }, params.id ?? '', body),
);
