import { route } from '@/server/http/route.js';
import { serializeSessionCookie } from '@/server/auth/cookie.js';
import { LoginBody } from '@/lib/api-schemas.js';
import { toUserDto } from '@/lib/dto/user.js';
import { actions, can } from '@/lib/roles.js';

export const POST = route({ auth: 'public', body: LoginBody }, async ({ ctx, body, meta }) => {
  const { token, expiresAt, user } = await ctx.auth.login(body, meta);
  const dto = toUserDto(user);
  return Response.json(
    { user: dto, permissions: actions.filter((a) => can(dto.role, a)) },
    {
      headers: {
        'set-cookie': serializeSessionCookie(token, {
          secure: ctx.scheme === 'https',
          maxAgeSec: (expiresAt.getTime() - Date.now()) / 1000,
        }),
      },
    },
  );
});
