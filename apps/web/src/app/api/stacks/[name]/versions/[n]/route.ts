import { route } from '@/server/http/route.js';
import { parseParams } from '@/server/http/query.js';

import { StackVersionParams as Params } from '@/lib/stack-api-schemas.js';

/** One version's compose file and .env (they may carry secrets: not for viewers). */
export const GET = route({ auth: 'containers.env.read' }, async ({ ctx, params }) =>
  ctx.stacks.version(params.name ?? '', parseParams(params, Params).n),
);
