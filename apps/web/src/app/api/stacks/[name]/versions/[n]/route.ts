import { z } from 'zod';
import { route } from '@/server/http/route.js';
import { parseParams } from '@/server/http/query.js';

const Params = z.object({ n: z.coerce.number().int().positive() });

/** One version's compose file and .env (they may carry secrets: not for viewers). */
export const GET = route({ auth: 'containers.env.read' }, async ({ ctx, params }) =>
  ctx.stacks.version(params.name ?? '', parseParams(params, Params).n),
);
