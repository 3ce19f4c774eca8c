import { route } from '@/server/http/route.js';
import { actions, can } from '@/lib/roles.js';
import type { MeDto } from '@/lib/dto/user.js';

export const GET = route(
  { auth: 'session', beforePasswordChange: true },
  async ({ ctx, principal }): Promise<MeDto> => ({
    user: await ctx.users.get(principal.userId),
    permissions: actions.filter((a) => can(principal.role, a)),
  }),
);
