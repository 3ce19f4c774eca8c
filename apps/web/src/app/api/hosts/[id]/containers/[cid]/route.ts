import {
  ContainerRefSchema,
  CreateContainerRequestSchema,
  UpdateContainerRequestSchema,
} from '@berth/protocol';
import { route } from '@/server/http/route.js';
import { parseParams, parseQuery } from '@/server/http/query.js';
import { CreateQuery, RemoveQuery } from '@/lib/container-api-schemas.js';
import { redactInspect, type ContainerInspectDto } from '@/lib/dto/redact-env.js';
import { allows } from '@/server/tokens/access.js';
import { z } from 'zod';

const Ref = z.object({ cid: ContainerRefSchema });

/** Inspect through the agent (`container.inspect`); environment values only for operator+. */
export const GET = route(
  { auth: 'containers.read' },
  async ({ ctx, params, principal }): Promise<ContainerInspectDto> => {
    const { cid } = parseParams(params, Ref);
    const inspect = await ctx.containers.inspect(params.id ?? '', cid);
    const envRedacted = !allows(principal, 'containers.env.read');
    return { inspect: envRedacted ? redactInspect(inspect) : inspect, envRedacted };
  },
);

/** Change limits live (`container.update`). */
export const PATCH = route(
  { auth: 'containers.operate', body: UpdateContainerRequestSchema },
  async ({ ctx, principal, meta, params, body }) => {
    const { cid } = parseParams(params, Ref);
    return { container: await ctx.containers.update(principal, meta, params.id ?? '', cid, body) };
  },
);

/**
 * Replace (Duplicate/Edit → Replace): recreate the container with the body's settings under its
 * own name, `?start=true` starting the new one; the old one is restored when that fails.
 */
export const PUT = route(
  { auth: 'containers.operate', body: CreateContainerRequestSchema },
  async ({ ctx, principal, meta, params, body, req }) => {
    const { cid } = parseParams(params, Ref);
    const { start } = parseQuery(req, CreateQuery);
    return ctx.containers.replace(principal, meta, params.id ?? '', cid, body, start);
  },
);

/** Remove; `?force=true` kills a live container first. */
export const DELETE = route(
  { auth: 'containers.operate' },
  async ({ ctx, principal, meta, params, req }) => {
    const { cid } = parseParams(params, Ref);
    const { force } = parseQuery(req, RemoveQuery);
    return ctx.containers.remove(principal, meta, params.id ?? '', cid, force);
  },
);
