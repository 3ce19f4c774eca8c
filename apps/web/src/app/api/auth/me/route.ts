import { route } from '@/server/http/route.js';
import { actions } from '@/lib/roles.js';
import { allows } from '@/server/tokens/access.js';
import type { MeDto } from '@/lib/dto/user.js';

export const GET = route(
  { auth: 'session', beforePasswordChange: true, filtersHosts: true },
  async ({ ctx, principal }): Promise<MeDto> => ({
    user: await ctx.users.get(principal.userId),
    permissions: actions.filter((a) => allows(principal, a)),
  }),
);
