import {
  StackDownRequestSchema,
  StackFileRequestSchema,
  StackServicesRequestSchema,
  StackUpRequestSchema,
  type StackProgress,
} from '@berth/protocol';
import { toWireError } from '../../errors.js';
import type { StackDeployer } from '../../stacks/deployer.js';
import { NdjsonWriter } from '../ndjson.js';
import type { RouteContext, Router } from '../router.js';

export interface StackRouteDeps {
  stacks: StackDeployer;
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
    handler: async ({ body }) => ({ project: await s.load(body), plan: await s.plan(body) }),
  });
  router.add({
    method: 'POST',
    path: '/v1/stacks/up',
    body: StackUpRequestSchema,
    handler: (ctx) =>
      streamProgress(ctx, async (p) => {
        await s.up(ctx.body, p);
      }),
  });
  router.add({
    method: 'POST',
    path: '/v1/stacks/pull',
    body: StackFileRequestSchema,
    handler: (ctx) => streamProgress(ctx, (p) => s.pull(ctx.body, p)),
  });
  router.add({
    method: 'POST',
    path: '/v1/stacks/down',
    body: StackDownRequestSchema,
    handler: (ctx) => streamProgress(ctx, (p) => s.down(ctx.body, p)),
  });
  for (const op of ['start', 'stop', 'restart'] as const)
    router.add({
      method: 'POST',
      path: `/v1/stacks/${op}`,
      body: StackServicesRequestSchema,
      handler: (ctx) => streamProgress(ctx, (p) => s[op](ctx.body, p)),
    });
  router.add({
    method: 'GET',
    path: '/v1/stacks/:project/containers',
    handler: ({ params }) => ({ containers: s.ps(params.project!) }),
  });
}
