import { route } from '@/server/http/route.js';
import { clearSessionCookie } from '@/server/auth/cookie.js';

export const POST = route(
  { auth: 'session', beforePasswordChange: true, sessionOnly: true },
  async ({ ctx, principal, meta }) => {
    await ctx.auth.logout(principal, meta);
    return new Response(null, {
      status: 204,
      headers: { 'set-cookie': clearSessionCookie(ctx.scheme === 'https') },
    });
  },
);
