import {
  StackDownRequestSchema,
  StackFileRequestSchema,
  StackServicesRequestSchema,
  StackUpRequestSchema,
  type StackProgress,
} from '@berth/protocol';
import { toWireError } from '../../errors.js';
import type { LoadStacks } from '../../stacks/lazy.js';
import { NdjsonWriter } from '../ndjson.js';
import type { RouteContext, Router } from '../router.js';

export interface StackRouteDeps {
  /** The deployer, loaded by the first stack request (stacks/lazy.ts). */
  stacks: LoadStacks;
}

/**
 * Runs a stack operation, streaming its progress as NDJSON (`StackProgress` lines, then
 * `{done: true}` or `{error}`); an error before the first line is an ordinary HTTP error.
 */
async function streamProgress(
  ctx: RouteContext<unknown, unknown>,
  run: (progress: (p: StackProgress) => void) => Promise<void>,
): Promise<undefined> {
  const out = new NdjsonWriter(ctx.res);
  try {
    await run((p) => out.line(p));
    out.end({ done: true });
  } catch (err) {
    if (!out.started) throw err;
    out.fail(toWireError(err));
  }
  return undefined;
}

/** `berth compose`: config, up, down, ps, start/stop/restart, pull (see stacks/deployer.ts). */
export function registerStackRoutes(router: Router, deps: StackRouteDeps): void {
  const s = deps.stacks;
  router.add({
    method: 'POST',
    path: '/v1/stacks/config',
    body: StackFileRequestSchema,
    handler: async ({ body }) => {
      const d = await s();
      return { project: await d.load(body), plan: await d.plan(body) };
    },
  });
  router.add({
    method: 'POST',
    path: '/v1/stacks/up',
    body: StackUpRequestSchema,
    handler: (ctx) =>
      streamProgress(ctx, async (p) => {
        await (await s()).up(ctx.body, p);
      }),
  });
  router.add({
    method: 'POST',
    path: '/v1/stacks/pull',
    body: StackFileRequestSchema,
    handler: (ctx) => streamProgress(ctx, async (p) => (await s()).pull(ctx.body, p)),
  });
  router.add({
    method: 'POST',
    path: '/v1/stacks/down',
    body: StackDownRequestSchema,
    handler: (ctx) => streamProgress(ctx, async (p) => (await s()).down(ctx.body, p)),
  });
  for (const op of ['start', 'stop', 'restart'] as const)
    router.add({
      method: 'POST',
      path: `/v1/stacks/${op}`,
      body: StackServicesRequestSchema,
      handler: (ctx) => streamProgress(ctx, async (p) => (await s())[op](ctx.body, p)),
    });
  router.add({
    method: 'GET',
    path: '/v1/stacks/:project/containers',
    handler: async ({ params }) => ({ containers: (await s()).ps(params.project!) }),
  });
}
