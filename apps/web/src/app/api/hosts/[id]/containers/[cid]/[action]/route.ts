import { ContainerRefSchema } from '@berth/protocol';
import { z } from 'zod';
import { route } from '@/server/http/route.js';
import { ContainerActionBody, containerActions } from '@/lib/container-api-schemas.js';

const Params = z.object({ cid: ContainerRefSchema, action: z.enum(containerActions) });

/** POST …/start|stop|restart|pause|unpause|kill → the agent's RPC; answers the new state. */
export const POST = route(
  { auth: 'containers.operate', body: ContainerActionBody },
  async ({ ctx, principal, meta, params, body }) => {
    const p = Params.safeParse(params);
    if (!p.success) {
      return Response.json(
        { code: 'NOT_FOUND', message: `no action "${params.action ?? ''}"` },
        { status: 404 },
      );
    }
    return {
      container: await ctx.containers.act(
        principal,
        meta,
        params.id ?? '',
        p.data.cid,
        p.data.action,
        body,
      ),
    };
  },
);
