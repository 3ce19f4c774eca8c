import { ContainerRefSchema } from '@berth/protocol';
import { z } from 'zod';
import { route } from '@/server/http/route.js';
import { parseParams } from '@/server/http/query.js';
import { allows } from '@/server/tokens/access.js';

const Ref = z.object({ cid: ContainerRefSchema });

/**
 * The container's settings as the create request that makes it again (Duplicate/Edit's
 * prefill, environment values included): for those who may create and read variables.
 */
export const GET = route({ auth: 'containers.operate' }, async ({ ctx, params, principal }) => {
  const { cid } = parseParams(params, Ref);
  if (!allows(principal, 'containers.env.read'))
    return Response.json(
      { code: 'PERMISSION_DENIED', message: 'copying a container needs reading its variables' },
      { status: 403 },
    );
  const { request, notCopied } = await ctx.containers.spec(params.id ?? '', cid);
  return { request, notCopied };
});
