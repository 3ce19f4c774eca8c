import type { Command } from 'commander';
import {
  ContainerNameSchema,
  ContainerSummarySchema,
  exitCodeByCode,
  WaitResponseSchema,
} from '@berth/protocol';
import * as z from 'zod';
import { AgentError } from '../../errors.js';
import type { CliContext } from '../context.js';
import { CliExit } from '../exit.js';
import { toUpdateRequest } from '../container-args.js';

export const enc = encodeURIComponent;
const Removed = z.object({ removed: z.string() });
const Killed = z.object({ id: z.string(), signal: z.string() });

/**
 * Runs `act` for each container like docker: prints the argument on success, reports each
 * failure as `berth: …` and exits with the last failure's code.
 */
export async function eachContainer(
  ctx: CliContext,
  refs: readonly string[],
  act: (ref: string) => Promise<string | void>,
): Promise<void> {
  let failed: AgentError | null = null;
  for (const ref of refs) {
    try {
      const out = await act(ref);
      ctx.io.stdout(`${out ?? ref}\n`);
    } catch (err) {
      if (!(err instanceof AgentError)) throw err;
      ctx.io.stderr(`berth: ${err.message}\n`);
      failed = err;
    }
  }
  if (failed) throw new CliExit(exitCodeByCode[failed.code]);
}

const seconds = (v: string | undefined) => {
  if (v === undefined) return '';
  if (!/^\d{1,5}$/.test(v)) throw new AgentError('INVALID_ARGUMENT', `-t: invalid seconds "${v}"`);
  return `?t=${v}`;
};

/** start, stop, restart, kill, pause, unpause, rm, rename, update, wait. */
export function registerLifecycleCommands(program: Command, ctx: CliContext): void {
  const post = (path: string, body?: unknown) =>
    ctx.client().send('POST', path, body, ContainerSummarySchema);
  program
    .command('start')
    .description('start one or more stopped containers')
    .argument('<container...>')
    .action((refs: string[]) =>
      eachContainer(ctx, refs, (r) => post(`/v1/containers/${enc(r)}/start`).then(() => undefined)),
    );
  for (const action of ['stop', 'restart'] as const) {
    program
      .command(action)
      .description(`${action} one or more containers (stop signal, then SIGKILL after -t seconds)`)
      .option('-t, --time <seconds>', "seconds to wait before killing (default: the container's)")
      .argument('<container...>')
      .action((refs: string[], o: { time?: string }) => {
        const q = seconds(o.time);
        return eachContainer(ctx, refs, (r) =>
          post(`/v1/containers/${enc(r)}/${action}${q}`).then(() => undefined),
        );
      });
  }
  program
    .command('kill')
    .description('send a signal (default SIGKILL) to one or more running containers')
    .option('-s, --signal <signal>', 'signal name or number', 'SIGKILL')
    .argument('<container...>')
    .action((refs: string[], o: { signal: string }) =>
      eachContainer(ctx, refs, async (r) => {
        await ctx
          .client()
          .send('POST', `/v1/containers/${enc(r)}/kill?signal=${enc(o.signal)}`, undefined, Killed);
      }),
    );
  for (const action of ['pause', 'unpause'] as const) {
    program
      .command(action)
      .description(`${action} all processes in one or more containers`)
      .argument('<container...>')
      .action((refs: string[]) =>
        eachContainer(ctx, refs, (r) =>
          post(`/v1/containers/${enc(r)}/${action}`).then(() => undefined),
        ),
      );
  }
  program
    .command('rm')
    .description('remove one or more containers')
    .option('-f, --force', 'kill a running container first')
    .argument('<container...>')
    .action((refs: string[], o: { force?: boolean }) =>
      eachContainer(ctx, refs, async (r) => {
        await ctx
          .client()
          .send(
            'DELETE',
            `/v1/containers/${enc(r)}${o.force ? '?force=true' : ''}`,
            undefined,
            Removed,
          );
      }),
    );
  program
    .command('rename')
    .description('rename a container')
    .argument('<container>')
    .argument('<new-name>')
    .action(async (ref: string, name: string) => {
      const valid = ContainerNameSchema.safeParse(name);
      if (!valid.success)
        throw new AgentError(
          'INVALID_ARGUMENT',
          `invalid container name "${name.slice(0, 100)}": names look like [a-zA-Z0-9][a-zA-Z0-9_.-]*`,
        );
      await post(`/v1/containers/${enc(ref)}/rename?name=${enc(name)}`);
    });
  program
    .command('update')
    .description('change resource limits or the restart policy of containers')
    .option('-m, --memory <bytes>', 'memory limit, e.g. 128m')
    .option('--memory-swap <bytes>', 'memory + swap; -1 = unlimited swap')
    .option('--cpus <n>', 'number of CPUs')
    .option('--pids-limit <n>', 'max processes')
    .option('--restart <policy>', 'no | always | unless-stopped | on-failure[:N]')
    .argument('<container...>')
    .action((refs: string[], o: Parameters<typeof toUpdateRequest>[0]) => {
      const body = toUpdateRequest(o);
      return eachContainer(ctx, refs, (r) =>
        post(`/v1/containers/${enc(r)}/update`, body).then(() => undefined),
      );
    });
  program
    .command('wait')
    .description('block until containers stop, then print their exit codes')
    .argument('<container...>')
    .action((refs: string[]) =>
      eachContainer(ctx, refs, async (r) => {
        const w = await ctx
          .client()
          .send('POST', `/v1/containers/${enc(r)}/wait`, undefined, WaitResponseSchema);
        return String(w.exitCode);
      }),
    );
}
