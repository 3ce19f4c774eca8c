import { ContainerSummarySchema, WaitResponseSchema } from '@berth/protocol';
import * as z from 'zod';
import { AgentError } from '../../errors.js';
import { upgrade, type Upgraded } from '../agent-stream.js';
import type { CliContext } from '../context.js';
import { pipeRawTerminal, terminalSize } from '../raw-terminal.js';

export interface RunAttachedOptions {
  /** `-i`: forward this terminal's input (in raw mode). */
  input: boolean;
  /** `--rm`: remove the container once it exited (the CLI does it, after `wait`). */
  rm: boolean;
}

const post = (ctx: CliContext, path: string) =>
  ctx.client().send('POST', path, undefined, z.unknown());

/** Without raw mode (`-t` alone) Ctrl-C reaches the CLI: send it on to the container. */
function proxySignals(ctx: CliContext, id: string): () => void {
  const forward = (sig: NodeJS.Signals) =>
    void post(ctx, `/v1/containers/${id}/kill?signal=${sig}`).catch(() => undefined);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  return () => {
    process.off('SIGINT', forward);
    process.off('SIGTERM', forward);
  };
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

/**
 * `run -t[i]` in the foreground, for a created container with a terminal: attach first (the
 * agent binds the session before the process starts, so no output is lost), then start, copy
 * the terminal both ways until the container exits, and resolve with its exit code.
 */
export async function runAttached(
  ctx: CliContext,
  id: string,
  o: RunAttachedOptions,
): Promise<number> {
  let upgraded: Upgraded;
  try {
    upgraded = await upgrade(ctx.socketPath(), `/v1/containers/${id}/attach`, terminalSize());
  } catch (err) {
    if (o.rm) await removeQuietly(ctx, id);
    throw err;
  }
  const piping = pipeRawTerminal({
    ...upgraded,
    input: o.input,
    onResize: ({ cols, rows }) =>
      void post(ctx, `/v1/containers/${id}/resize?h=${rows}&w=${cols}`).catch(() => undefined),
  });
  const unproxy = o.input ? () => undefined : proxySignals(ctx, id);
  let code: number;
  try {
    try {
      await ctx
        .client()
        .send('POST', `/v1/containers/${id}/start`, undefined, ContainerSummarySchema);
    } catch (err) {
      upgraded.socket.destroy();
      await piping;
      throw err;
    }
    await piping;
    const wait = await ctx
      .client()
      .send('POST', `/v1/containers/${id}/wait`, undefined, WaitResponseSchema);
    code = wait.exitCode;
  } catch (err) {
    if (o.rm) await removeQuietly(ctx, id);
    throw err;
  } finally {
    unproxy();
  }
  if (o.rm) await removeQuietly(ctx, id);
  return code;
}
