import {
  ImageLoadRequestSchema,
  ImagePullRequestSchema,
  ImagePushRequestSchema,
  ImageRefSchema,
  ImageSaveRequestSchema,
  ImageTagRequestSchema,
  LoginRequestSchema,
  LogoutRequestSchema,
} from '@berth/protocol';
import type { LayerProgress } from '@berth/protocol';
import * as z from 'zod';
import { AgentError, toWireError } from '../../errors.js';
import type { ImageService } from '../../images/service.js';
import { NdjsonWriter } from '../ndjson.js';
import type { RouteContext, Router } from '../router.js';

export interface ImageRouteDeps {
  images: ImageService;
}

/** `?force=true|false|1|0` → boolean (absent → undefined). */
const boolQuery = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1')
  .optional();

function refParam(raw: string | undefined): string {
  const r = ImageRefSchema.safeParse(raw);
  if (!r.success)
    throw new AgentError(
      'INVALID_ARGUMENT',
      `invalid image reference: ${r.error.issues[0]?.message}`,
    );
  return r.data;
}

/**
 * Runs a pull/push, streaming its progress as NDJSON. An error before the first progress line is
 * thrown (→ HTTP status); after it, it becomes the final `{error}` line.
 */
async function streamTransfer<T>(
  ctx: RouteContext<unknown, unknown>,
  run: (onProgress: (p: LayerProgress) => void) => Promise<T>,
  final: (result: T) => unknown,
): Promise<undefined> {
  const out = new NdjsonWriter(ctx.res);
  try {
    const result = await run((p) =>
      out.line({ layer: p.layer, status: p.status, current: p.current, total: p.total }),
    );
    out.end(final(result));
  } catch (err) {
    if (!out.started) throw err;
    out.fail(toWireError(err));
  }
  return undefined;
}

/** Images, registry auth, save/load and disk usage over the local API. */
export function registerImageRoutes(router: Router, deps: ImageRouteDeps): void {
  const svc = deps.images;
  router.add({
    method: 'POST',
    path: '/v1/images/pull',
    body: ImagePullRequestSchema,
    handler: (ctx) =>
      streamTransfer(
        ctx,
        (onProgress) => svc.pull(ctx.body.ref, { platform: ctx.body.platform, onProgress }),
        (image) => ({ done: true, image }),
      ),
  });
  router.add({
    method: 'POST',
    path: '/v1/images/push',
    body: ImagePushRequestSchema,
    handler: (ctx) =>
      streamTransfer(
        ctx,
        (onProgress) => svc.push(ctx.body.ref, { onProgress }),
        (pushed) => ({ done: true, pushed }),
      ),
  });
  router.add({
    method: 'GET',
    path: '/v1/images',
    query: z.object({ dangling: boolQuery }),
    handler: async ({ query }) => ({ images: await svc.list({ dangling: query.dangling }) }),
  });
  router.add({
    method: 'GET',
    path: '/v1/images/layers',
    handler: () => svc.layers(),
  });
  router.add({
    method: 'GET',
    path: '/v1/images/inspect',
    query: z.object({ ref: ImageRefSchema }),
    handler: ({ query }) => svc.inspect(query.ref),
  });
  router.add({
    method: 'GET',
    path: '/v1/images/:ref/json',
    handler: ({ params }) => svc.inspect(refParam(params.ref)),
  });
  router.add({
    method: 'POST',
    path: '/v1/images/tag',
    body: ImageTagRequestSchema,
    handler: ({ body }) => svc.tag(body.source, body.target),
  });
  router.add({
    method: 'DELETE',
    path: '/v1/images',
    query: z.object({ ref: ImageRefSchema, force: boolQuery }),
    handler: ({ query }) => svc.remove(query.ref, query.force ?? false),
  });
  router.add({ method: 'POST', path: '/v1/images/prune', handler: () => svc.prune() });
  router.add({
    method: 'POST',
    path: '/v1/images/save',
    body: ImageSaveRequestSchema,
    handler: async ({ body }) => {
      await svc.save(body.refs, body.path);
      return { path: body.path };
    },
  });
  router.add({
    method: 'POST',
    path: '/v1/images/load',
    body: ImageLoadRequestSchema,
    handler: async ({ body }) => ({ images: await svc.load(body.path, body.platform) }),
  });
  router.add({ method: 'GET', path: '/v1/system/df', handler: () => svc.df() });
  router.add({
    method: 'POST',
    path: '/v1/auth/login',
    body: LoginRequestSchema,
    handler: async ({ body }) => {
      await svc.login(body.server, body.username, body.password);
      return { status: 'Login Succeeded' };
    },
  });
  router.add({
    method: 'POST',
    path: '/v1/auth/logout',
    body: LogoutRequestSchema,
    handler: ({ body }) => svc.logout(body.server),
  });
}
