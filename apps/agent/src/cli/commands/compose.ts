import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import {
  ContainerListSchema,
  LogLineSchema,
  StackProgressSchema,
  WireErrorSchema,
  type ContainerSummary,
  type StackFileRequest,
} from '@berth/protocol';
import { stringify } from 'yaml';
import * as z from 'zod';
import { AgentError } from '../../errors.js';
import { getNdjson } from '../agent-stream.js';
import type { CliContext } from '../context.js';
import { formatProgress, formatStackPs, logPrefixes, stackPsJson } from '../format-stacks.js';
import { parseFormat } from '../options.js';

/** Compose v2's default file names, in preference order. */
const DEFAULT_FILES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];

interface GlobalOpts {
  file?: string[];
  projectName?: string;
  profile?: string[];
}

const collect = (v: string, prev: string[] | undefined) => [...(prev ?? []), v];

const StreamLine = z.union([
  StackProgressSchema,
  z.object({ done: z.literal(true) }),
  z.object({ error: WireErrorSchema }),
]);

/** `berth compose …`: a compose project deployed by the agent (see the agent's stacks/). */
export function registerComposeCommands(program: Command, ctx: CliContext): void {
  const compose = program
    .command('compose')
    .description('define and run multi-container applications (a compose file)')
    .option('-f, --file <file>', 'compose file (default: ./compose.yaml, …)', collect)
    .option('-p, --project-name <name>', 'project name (default: from the file or its directory)')
    .option('--profile <profile>', 'enable a profile', collect);
  const g = (): GlobalOpts => compose.opts<GlobalOpts>();

  compose
    .command('config')
    .description('validate the file and print the normalized project')
    .option('--format <format>', 'yaml (default) or json')
    .option('-q, --quiet', 'only validate')
    .action(async (o: { format?: string; quiet?: boolean }) => {
      const { project } = await ctx
        .client()
        .send(
          'POST',
          '/v1/stacks/config',
          fileRequest(ctx, g()),
          z.object({ project: z.unknown() }),
        );
      if (o.quiet) return;
      ctx.io.stdout(
        o.format === 'json' ? `${JSON.stringify(project, null, 2)}\n` : stringify(project),
      );
    });

  compose
    .command('up')
    .description('create and start the containers')
    .option('-d, --detach', 'run in the background')
    .option('--remove-orphans', 'remove containers of services not in the file')
    .option('--force-recreate', 'recreate containers even if unchanged')
    .option('--no-recreate', 'keep existing containers even if changed')
    .option('--wait', 'wait until the containers with health checks are healthy (implies -d)')
    .option('--wait-timeout <seconds>', 'how long to wait for a dependency to be healthy', '600')
    .action(
      async (o: {
        detach?: boolean;
        wait?: boolean;
        removeOrphans?: boolean;
        forceRecreate?: boolean;
        recreate?: boolean;
        waitTimeout: string;
      }) => {
        const req = fileRequest(ctx, g());
        await stream(ctx, '/v1/stacks/up', {
          ...req,
          ...(o.removeOrphans ? { removeOrphans: true } : {}),
          ...(o.forceRecreate ? { forceRecreate: true } : {}),
          ...(o.recreate === false ? { noRecreate: true } : {}),
          ...(o.wait ? { wait: true } : {}),
          waitTimeout: Number(o.waitTimeout),
        });
        if (o.detach || o.wait) return;
        const project = await projectName(ctx, g());
        const ac = new AbortController();
        const onSigint = () => ac.abort();
        process.once('SIGINT', onSigint);
        try {
          await followLogs(ctx, project, [], { follow: true }, ac.signal);
        } finally {
          process.off('SIGINT', onSigint);
        }
        if (ac.signal.aborted) {
          ctx.io.stderr('Gracefully stopping... (press Ctrl+C again to force)\n');
          await stream(ctx, '/v1/stacks/stop', { project, services: [] });
        }
      },
    );

  compose
    .command('down')
    .description('stop and remove containers and networks')
    .option('-v, --volumes', 'also remove named volumes and anonymous volumes')
    .option('-t, --timeout <seconds>', 'stop timeout')
    .action(async (o: { volumes?: boolean; timeout?: string }) => {
      await stream(ctx, '/v1/stacks/down', {
        project: await projectName(ctx, g()),
        ...(o.volumes ? { volumes: true } : {}),
        ...(o.timeout !== undefined ? { timeout: Number(o.timeout) } : {}),
      });
    });

  compose
    .command('ps')
    .description("list the project's containers")
    .option('-a, --all', 'also stopped containers')
    .option('--format <format>', 'json: one object per line')
    .option('-q, --quiet', 'only IDs')
    .action(async (o: { all?: boolean; format?: string; quiet?: boolean }) => {
      const format = parseFormat(o.format);
      const cs = (await containersOf(ctx, await projectName(ctx, g()))).filter(
        (c) => o.all || c.state === 'running' || c.state === 'paused',
      );
      const now = Date.now();
      if (o.quiet) ctx.io.stdout(cs.map((c) => `${c.id}\n`).join(''));
      else if (format === 'json')
        ctx.io.stdout(cs.map((c) => `${JSON.stringify(stackPsJson(c, now))}\n`).join(''));
      else ctx.io.stdout(formatStackPs(cs, now));
    });

  compose
    .command('logs')
    .description('show the logs of the services, interleaved')
    .option('-f, --follow', 'follow')
    .option('-n, --tail <n>', 'lines from the end of each log')
    .argument('[service...]')
    .action(async (services: string[], o: { follow?: boolean; tail?: string }) => {
      await followLogs(ctx, await projectName(ctx, g()), services, o);
    });

  for (const [op, what] of [
    ['start', 'start the services'],
    ['stop', 'stop the services'],
    ['restart', 'restart the services'],
  ] as const)
    compose
      .command(op)
      .description(what)
      .option('-t, --timeout <seconds>', 'stop timeout')
      .argument('[service...]')
      .action(async (services: string[], o: { timeout?: string }) => {
        await stream(ctx, `/v1/stacks/${op}`, {
          project: await projectName(ctx, g()),
          services,
          ...(o.timeout !== undefined && op !== 'start' ? { timeout: Number(o.timeout) } : {}),
        });
      });

  compose
    .command('pull')
    .description("pull the services' images")
    .action(async () => {
      await stream(ctx, '/v1/stacks/pull', fileRequest(ctx, g()));
    });
}

/** The compose file (made absolute) and the CLI's environment for interpolation. */
function fileRequest(ctx: CliContext, o: GlobalOpts): StackFileRequest {
  const cwd = ctx.io.cwd ?? process.cwd();
  if ((o.file?.length ?? 0) > 1)
    throw new AgentError(
      'UNIMPLEMENTED',
      'only one -f file is supported (no override merging yet)',
    );
  const file = o.file?.[0]
    ? resolve(cwd, o.file[0])
    : DEFAULT_FILES.map((n) => resolve(cwd, n)).find((p) => existsSync(p));
  if (!file)
    throw new AgentError(
      'NOT_FOUND',
      `no compose file found in ${cwd} (looked for ${DEFAULT_FILES.join(', ')})`,
    );
  const env = Object.fromEntries(
    Object.entries(ctx.io.env).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
  return {
    configFile: file,
    env,
    ...(o.projectName ? { projectName: o.projectName } : {}),
    ...(o.profile ? { profiles: o.profile } : {}),
  };
}

/** `-p`, else the name the agent derives from the file (as docker compose does). */
async function projectName(ctx: CliContext, o: GlobalOpts): Promise<string> {
  if (o.projectName) return o.projectName;
  const { project } = await ctx
    .client()
    .send(
      'POST',
      '/v1/stacks/config',
      fileRequest(ctx, o),
      z.object({ project: z.object({ name: z.string() }) }),
    );
  return project.name;
}

function containersOf(ctx: CliContext, project: string): Promise<ContainerSummary[]> {
  return ctx
    .client()
    .get(`/v1/stacks/${encodeURIComponent(project)}/containers`, ContainerListSchema)
    .then((r) => r.containers);
}

async function stream(ctx: CliContext, path: string, body: unknown): Promise<void> {
  let failure: AgentError | null = null;
  await ctx.client().stream(path, body, StreamLine, (l) => {
    if ('error' in l) failure = new AgentError(l.error.code, l.error.message);
    else if (!('done' in l))
      (l.kind === 'warning' ? ctx.io.stderr : ctx.io.stdout)(formatProgress(l));
  });
  if (failure) throw failure;
}

async function followLogs(
  ctx: CliContext,
  project: string,
  services: string[],
  o: { follow?: boolean; tail?: string },
  signal?: AbortSignal,
): Promise<void> {
  const all = await containersOf(ctx, project);
  const cs =
    services.length === 0
      ? all
      : all.filter((c) => services.includes(c.labels['com.docker.compose.service'] ?? ''));
  if (services.length > 0 && cs.length === 0)
    throw new AgentError('NOT_FOUND', `no such service: ${services.join(', ')}`);
  const prefix = logPrefixes(cs);
  const q = new URLSearchParams();
  if (o.follow) q.set('follow', 'true');
  if (o.tail !== undefined) q.set('tail', o.tail);
  const query = q.toString() ? `?${q}` : '';
  await Promise.all(
    cs.map((c) =>
      getNdjson(
        ctx.socketPath(),
        `/v1/containers/${encodeURIComponent(c.id)}/logs${query}`,
        LogLineSchema,
        (l) =>
          (l.stream === 'stderr' ? ctx.io.stderr : ctx.io.stdout)(
            `${prefix.get(c.id) ?? ''}${l.text}\n`,
          ),
        signal,
      ),
    ),
  );
}
