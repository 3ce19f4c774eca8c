import { route } from '@/server/http/route.js';
import { ResetPasswordBody } from '@/lib/api-schemas.js';

export const POST = route(
  { auth: 'users.manage', body: ResetPasswordBody },
  async ({ ctx, principal, body, meta, params }) => {
    await ctx.users.resetPassword(principal, params.id ?? '', body.password, meta);
    return { ok: true };
  },
);
