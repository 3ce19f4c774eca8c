import type { Command } from 'commander';
import {
  CreateContainerResponseSchema,
  ContainerSummarySchema,
  ImageInspectSchema,
  WaitResponseSchema,
  type CreateContainerRequest,
} from '@berth/protocol';
import { z } from 'zod';
import { AgentError } from '../../errors.js';
import { addRunFlags, toCreateRequest, type RunFlags } from '../container-args.js';
import type { CliContext } from '../context.js';
import { CliExit } from '../exit.js';
import { ProgressView } from '../progress.js';
import { pullImage } from '../transfer.js';
import { enc } from './containers-lifecycle.js';
import { streamLogs } from './containers-view.js';

/** Like docker: an image that is not here is pulled first (progress on stderr). */
async function ensureImage(ctx: CliContext, image: string): Promise<void> {
  try {
    await ctx.client().get(`/v1/images/${enc(image)}/json`, ImageInspectSchema);
    return;
  } catch (err) {
    if (!(err instanceof AgentError) || err.code !== 'NOT_FOUND') throw err;
  }
  ctx.io.stderr(`Unable to find image '${image}' locally\n`);
  const view = new ProgressView('pull', false);
  const pulled = await pullImage(ctx.client(), { ref: image }, (p) =>
    ctx.io.stderr(view.update(p)),
  );
  ctx.io.stderr(`Digest: ${pulled.id}\nStatus: Downloaded newer image for ${image}\n`);
}

async function create(ctx: CliContext, req: CreateContainerRequest) {
  await ensureImage(ctx, req.image);
  return ctx.client().send('POST', '/v1/containers', req, CreateContainerResponseSchema);
}

function refuseTty(f: RunFlags): void {
  if (f.tty || f.interactive) {
    throw new AgentError(
      'INVALID_ARGUMENT',
      'not supported yet: -i/-t for the main process (no terminal attach); run it detached and use `berth exec -it`',
    );
  }
}

/** Sig-proxy: Ctrl-C / SIGTERM to the CLI go to the container, like `docker run`. */
function proxySignals(ctx: CliContext, id: string): () => void {
  const forward = (sig: NodeJS.Signals) => {
    void ctx
      .client()
      .send('POST', `/v1/containers/${id}/kill?signal=${sig}`, undefined, z.unknown())
      .catch(() => undefined);
  };
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  return () => {
    process.off('SIGINT', forward);
    process.off('SIGTERM', forward);
  };
}

/** `run`: create (pulling if needed), start; `-d` prints the ID, else follow logs, exit with its code. */
export function registerRunCommands(program: Command, ctx: CliContext): void {
  addRunFlags(
    program
      .command('run')
      .description('create and start a container from an image')
      .option('-d, --detach', 'run in the background and print the container ID')
      .argument('<image>')
      .argument('[command...]')
      .passThroughOptions(),
  ).action(async (image: string, cmd: string[], f: RunFlags) => {
    refuseTty(f);
    const foreground = !f.detach;
    // foreground --rm: the CLI removes after it read the whole log (no race with the log reader)
    const req = toCreateRequest(image, cmd, { ...f, rm: f.rm && !foreground }, ctx.io.env);
    const { id } = await create(ctx, req);
    try {
      await ctx
        .client()
        .send('POST', `/v1/containers/${id}/start`, undefined, ContainerSummarySchema);
    } catch (err) {
      if (f.rm) await removeQuietly(ctx, id);
      throw err;
    }
    if (!foreground) {
      ctx.io.stdout(`${id}\n`);
      return;
    }
    const unproxy = proxySignals(ctx, id);
    let code: number;
    try {
      const [, wait] = await Promise.all([
        streamLogs(ctx, id, { follow: true }),
        ctx.client().send('POST', `/v1/containers/${id}/wait`, undefined, WaitResponseSchema),
      ]);
      code = wait.exitCode;
    } finally {
      unproxy();
    }
    if (f.rm) await removeQuietly(ctx, id);
    if (code !== 0) throw new CliExit(code);
  });
  addRunFlags(
    program
      .command('create')
      .description('create a container (not started) and print its ID')
      .argument('<image>')
      .argument('[command...]')
      .passThroughOptions(),
  ).action(async (image: string, cmd: string[], f: RunFlags) => {
    refuseTty(f);
    const { id } = await create(ctx, toCreateRequest(image, cmd, f, ctx.io.env));
    ctx.io.stdout(`${id}\n`);
  });
}

async function removeQuietly(ctx: CliContext, id: string): Promise<void> {
  await ctx
    .client()
    .send('DELETE', `/v1/containers/${id}?force=true`, undefined, z.unknown())
    .catch((err: unknown) => {
      if (err instanceof AgentError)
        ctx.io.stderr(`berth: removing ${id.slice(0, 12)}: ${err.message}\n`);
    });
}
