import type { Command } from 'commander';
import {
  CreateContainerResponseSchema,
  ContainerSummarySchema,
  ImageInspectSchema,
  WaitResponseSchema,
  type CreateContainerRequest,
} from '@berth/protocol';
import * as z from 'zod';
import { AgentError } from '../../errors.js';
import { readFile } from 'node:fs/promises';
import {
  addRunFlags,
  inlineSeccompFiles,
  toCreateRequest,
  type RunFlags,
} from '../container-args.js';
import type { CliContext } from '../context.js';
import { CliExit } from '../exit.js';
import { ProgressView } from '../progress.js';
import { pullImage } from '../transfer.js';
import { enc } from './containers-lifecycle.js';
import { runAttached } from './run-attached.js';
import { streamLogs } from './containers-view.js';

/** Like docker: an image that is not here is pulled first (progress on stderr). */
async function pullMissing(ctx: CliContext, image: string): Promise<void> {
  ctx.io.stderr(`Unable to find image '${image}' locally\n`);
  const view = new ProgressView('pull', false);
  const pulled = await pullImage(ctx.client(), { ref: image }, (p) =>
    ctx.io.stderr(view.update(p)),
  );
  ctx.io.stderr(`Digest: ${pulled.id}\nStatus: Downloaded newer image for ${image}\n`);
}

/** Whether the image is missing (asked only after a create answered NOT_FOUND). */
async function imageMissing(ctx: CliContext, image: string): Promise<boolean> {
  try {
    await ctx.client().get(`/v1/images/${enc(image)}/json`, ImageInspectSchema);
    return false;
  } catch (err) {
    if (err instanceof AgentError && err.code === 'NOT_FOUND') return true;
    throw err;
  }
}

/**
 * Create (and with `start`, start in the same call): one round trip when the image is here.
 * A NOT_FOUND for a missing image pulls it and tries once more.
 */
async function create(ctx: CliContext, req: CreateContainerRequest, start = false) {
  const send = () =>
    ctx
      .client()
      .send(
        'POST',
        `/v1/containers${start ? '?start=true' : ''}`,
        req,
        CreateContainerResponseSchema,
      );
  try {
    return await send();
  } catch (err) {
    if (!(err instanceof AgentError) || err.code !== 'NOT_FOUND') throw err;
    if (!(await imageMissing(ctx, req.image))) throw err;
  }
  await pullMissing(ctx, req.image);
  return send();
}

function refuseTty(f: RunFlags): void {
  if (f.interactive && !f.tty) {
    throw new AgentError(
      'INVALID_ARGUMENT',
      'not supported yet: -i without -t (use -it for an interactive terminal, -t for its output)',
    );
  }
}

/** Like docker: `run -it` in the foreground needs a terminal to put in raw mode. */
function refuseNonTtyInput(f: RunFlags): void {
  if (f.interactive && f.tty && !f.detach && !process.stdin.isTTY)
    throw new AgentError('INVALID_ARGUMENT', 'the input device is not a TTY');
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
  ).action(async (image: string, cmd: string[], flags: RunFlags) => {
    const f = await withSeccompFiles(flags);
    refuseTty(f);
    refuseNonTtyInput(f);
    const foreground = !f.detach;
    if (foreground && f.tty) {
      // attach to the created container, then start it (run-attached.ts); --rm by the CLI
      const { id } = await create(
        ctx,
        toCreateRequest(image, cmd, { ...f, rm: false }, ctx.io.env),
      );
      const code = await runAttached(ctx, id, { input: f.interactive === true, rm: f.rm === true });
      if (code !== 0) throw new CliExit(code);
      return;
    }
    // foreground --rm: the CLI removes after it read the whole log (no race with the log reader)
    const req = toCreateRequest(image, cmd, { ...f, rm: f.rm && !foreground }, ctx.io.env);
    // detached: create + start in one call (a failed start leaves it created; --rm removes it)
    const { id } = await create(ctx, req, !foreground);
    if (foreground) {
      try {
        await ctx
          .client()
          .send('POST', `/v1/containers/${id}/start`, undefined, ContainerSummarySchema);
      } catch (err) {
        if (f.rm) await removeQuietly(ctx, id);
        throw err;
      }
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
  ).action(async (image: string, cmd: string[], flags: RunFlags) => {
    const f = await withSeccompFiles(flags);
    refuseTty(f);
    const { id } = await create(ctx, toCreateRequest(image, cmd, f, ctx.io.env));
    ctx.io.stdout(`${id}\n`);
  });
}

async function withSeccompFiles(f: RunFlags): Promise<RunFlags> {
  return { ...f, securityOpt: await inlineSeccompFiles(f.securityOpt, (p) => readFile(p, 'utf8')) };
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
