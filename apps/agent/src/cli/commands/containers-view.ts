import { totalmem } from 'node:os';
import type { Command } from 'commander';
import {
  ContainerInspectSchema,
  ContainerListSchema,
  ContainerStatsSchema,
  EngineEventSchema,
  LogLineSchema,
  TopResponseSchema,
  type ContainerStats,
} from '@berth/protocol';
import { AgentError } from '../../errors.js';
import { getNdjson } from '../agent-stream.js';
import type { CliContext } from '../context.js';
import { inspectEach } from '../inspect-each.js';
import {
  formatEventLine,
  formatPsTable,
  formatStatsTable,
  psJson,
  statsJson,
} from '../format-containers.js';
import { parseFormat } from '../options.js';
import { filtersStatus, matchesPs, parsePsFilters } from '../ps-filter.js';
import { formatTable } from '../table.js';
import { enc } from './containers-lifecycle.js';

/** Ctrl-C ends a follow/stream cleanly (exit 0), like docker. */
function untilInterrupted(): { signal: AbortSignal; dispose: () => void } {
  const ac = new AbortController();
  const stop = () => ac.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return {
    signal: ac.signal,
    dispose: () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    },
  };
}

function logsQuery(o: LogsOpts): string {
  const q = new URLSearchParams();
  if (o.follow) q.set('follow', 'true');
  if (o.tail !== undefined && o.tail !== 'all') {
    if (!/^\d+$/.test(o.tail))
      throw new AgentError('INVALID_ARGUMENT', `--tail: want a number or "all", got "${o.tail}"`);
    q.set('tail', o.tail);
  }
  if (o.since !== undefined) {
    const rel = /^(\d+)([smh])$/.exec(o.since);
    const at = rel
      ? new Date(
          Date.now() - Number(rel[1]) * { s: 1e3, m: 6e4, h: 36e5 }[rel[2] as 's' | 'm' | 'h'],
        )
      : new Date(/^\d+$/.test(o.since) ? Number(o.since) * 1000 : o.since);
    if (Number.isNaN(at.getTime()))
      throw new AgentError(
        'INVALID_ARGUMENT',
        `--since: want a time (RFC 3339, unix seconds or 10m)`,
      );
    q.set('since', at.toISOString());
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

interface LogsOpts {
  follow?: boolean;
  tail?: string;
  since?: string;
  timestamps?: boolean;
}

/** Streams a container's log: stdout lines to stdout, stderr lines to stderr. */
export async function streamLogs(
  ctx: CliContext,
  ref: string,
  o: LogsOpts,
  signal?: AbortSignal,
): Promise<void> {
  await getNdjson(
    ctx.socketPath(),
    `/v1/containers/${enc(ref)}/logs${logsQuery(o)}`,
    LogLineSchema,
    (l) => {
      const text = `${o.timestamps ? `${l.time} ` : ''}${l.text}\n`;
      if (l.stream === 'stderr') ctx.io.stderr(text);
      else ctx.io.stdout(text);
    },
    signal,
  );
}

async function sampleAll(ctx: CliContext, refs: string[], all: boolean): Promise<ContainerStats[]> {
  let targets = refs;
  if (targets.length === 0) {
    const { containers } = await ctx
      .client()
      .get(`/v1/containers${all ? '?all=true' : ''}`, ContainerListSchema);
    targets = containers.filter((c) => c.state === 'running').map((c) => c.id);
  }
  return Promise.all(
    targets.map((r) =>
      ctx.client().get(`/v1/containers/${enc(r)}/stats?stream=false`, ContainerStatsSchema),
    ),
  );
}

/** ps, inspect, logs, top, stats, events. */
export function registerContainerViewCommands(program: Command, ctx: CliContext): void {
  program
    .command('ps')
    .description('list containers (running only unless -a)')
    .option('-a, --all', 'show all containers')
    .option('-q, --quiet', 'only print container IDs')
    .option(
      '-f, --filter <key=value>',
      'name=, label=KEY[=VALUE], status=, ancestor=IMAGE, id= (repeatable: one key any, keys all)',
      (v: string, prev: string[] | undefined) => [...(prev ?? []), v],
    )
    .option('--format <format>', 'json: one object per line')
    .action(async (o: { all?: boolean; quiet?: boolean; filter?: string[]; format?: string }) => {
      const format = parseFormat(o.format);
      const filter = parsePsFilters(o.filter ?? []);
      // A status filter looks at stopped containers too (as `docker ps` does).
      const all = o.all || filtersStatus(filter);
      const listed = await ctx
        .client()
        .get(`/v1/containers${all ? '?all=true' : ''}`, ContainerListSchema);
      const containers = listed.containers.filter((c) => matchesPs(c, filter));
      const now = Date.now();
      if (o.quiet) ctx.io.stdout(containers.map((c) => `${c.id.slice(0, 12)}\n`).join(''));
      else if (format === 'json')
        ctx.io.stdout(containers.map((c) => `${JSON.stringify(psJson(c, now))}\n`).join(''));
      else ctx.io.stdout(formatPsTable(containers, now));
    });
  program
    .command('inspect')
    .description('show details of one or more containers (a JSON array)')
    .argument('<container...>')
    .action((refs: string[]) =>
      inspectEach(ctx, refs, (r) => `/v1/containers/${enc(r)}`, ContainerInspectSchema),
    );
  program
    .command('logs')
    .description("print a container's logs (stdout to stdout, stderr to stderr)")
    .option('-f, --follow', 'follow until the container stops')
    .option('-n, --tail <n>', 'only the last N lines ("all")')
    .option('--since <time>', 'RFC 3339, unix seconds, or relative like 10m')
    .option('-t, --timestamps', 'prefix each line with its time')
    .argument('<container>')
    .action(async (ref: string, o: LogsOpts) => {
      const stop = untilInterrupted();
      try {
        await streamLogs(ctx, ref, o, stop.signal);
      } finally {
        stop.dispose();
      }
    });
  program
    .command('top')
    .description('list the processes of a container')
    .argument('<container>')
    .action(async (ref: string) => {
      const t = await ctx.client().get(`/v1/containers/${enc(ref)}/top`, TopResponseSchema);
      ctx.io.stdout(formatTable(t.titles, t.processes));
    });
  program
    .command('stats')
    .description('live resource usage (running containers unless named)')
    .option('-a, --all', 'include stopped containers when none are named')
    .option('--no-stream', 'print one sample and exit')
    .option('--format <format>', 'json: one object per line')
    .argument('[container...]')
    .action(async (refs: string[], o: { all?: boolean; stream: boolean; format?: string }) => {
      const format = parseFormat(o.format);
      const print = (list: ContainerStats[]) =>
        format === 'json'
          ? ctx.io.stdout(list.map((s) => `${JSON.stringify(statsJson(s))}\n`).join(''))
          : ctx.io.stdout(
              `${ctx.io.stdoutIsTTY && o.stream ? '\x1b[2J\x1b[H' : ''}${formatStatsTable(list, totalmem())}`,
            );
      if (!o.stream) return print(await sampleAll(ctx, refs, o.all ?? false));
      const stop = untilInterrupted();
      try {
        while (!stop.signal.aborted) {
          print(await sampleAll(ctx, refs, o.all ?? false));
          await new Promise((r) => setTimeout(r, 800));
        }
      } finally {
        stop.dispose();
      }
    });
  program
    .command('events')
    .description('stream container and image events until interrupted')
    .option('--format <format>', 'json: one object per line')
    .action(async (o: { format?: string }) => {
      const format = parseFormat(o.format);
      const stop = untilInterrupted();
      try {
        await getNdjson(
          ctx.socketPath(),
          '/v1/events',
          EngineEventSchema,
          (e) => ctx.io.stdout(format === 'json' ? `${JSON.stringify(e)}\n` : formatEventLine(e)),
          stop.signal,
        );
      } finally {
        stop.dispose();
      }
    });
}
