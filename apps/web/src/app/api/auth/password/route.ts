import { route } from '@/server/http/route.js';
import { ChangePasswordBody } from '@/lib/api-schemas.js';

export const POST = route(
  {
    auth: 'account.update',
    body: ChangePasswordBody,
    beforePasswordChange: true,
    sessionOnly: true,
  },
  async ({ ctx, principal, body, meta }) => {
    await ctx.auth.changePassword(principal, body, meta);
    return { ok: true };
  },
);
