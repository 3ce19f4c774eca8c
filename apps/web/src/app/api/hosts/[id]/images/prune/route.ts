import { route } from '@/server/http/route.js';

export const POST = route(
  { auth: 'containers.operate' },
  async ({ ctx, params, principal, meta }) =>
    ctx.images.prune({ principal, meta }, params.id ?? ''),
);
