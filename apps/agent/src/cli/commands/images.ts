import { Option } from 'commander';
import type { Command } from 'commander';
import {
  exitCodeByCode,
  ImageInspectSchema,
  ImageListResultSchema,
  ImagePruneResultSchema,
  ImageRemoveResultSchema,
  LayersReportSchema,
} from '@berth/protocol';
import type { ImageInspect } from '@berth/protocol';
import { AgentError } from '../../errors.js';
import type { CliContext } from '../context.js';
import { CliExit } from '../exit.js';
import {
  formatImageIds,
  formatImagesTable,
  formatLayersTable,
  formatPruneResult,
  formatRemoveResult,
  jsonLines,
} from '../format-images.js';
import { parseFormat } from '../options.js';
import { parseDanglingFilter } from '../image-args.js';

const jsonFormat = () =>
  new Option('--format <format>', 'output format: "json" prints one JSON object per line');

interface ListOpts {
  format?: string;
  all?: boolean;
  quiet?: boolean;
  filter?: string[];
}

function addListCommand(cmd: Command, ctx: CliContext): Command {
  return cmd
    .description('list images')
    .addOption(jsonFormat())
    .option('-a, --all', 'show all images (all are shown already; kept for docker compatibility)')
    .option('-q, --quiet', 'only show image IDs')
    .option(
      '-f, --filter <filter>',
      'filter: dangling=true|false',
      (v: string, prev: string[] | undefined) => [...(prev ?? []), v],
    )
    .action(async (opts: ListOpts) => {
      const format = parseFormat(opts.format);
      const dangling = parseDanglingFilter(opts.filter ?? []);
      const path = dangling === undefined ? '/v1/images' : `/v1/images?dangling=${dangling}`;
      const { images } = await ctx.client().get(path, ImageListResultSchema);
      if (opts.quiet) ctx.io.stdout(formatImageIds(images));
      else if (format === 'json') ctx.io.stdout(jsonLines(images));
      else ctx.io.stdout(formatImagesTable(images, Date.now()));
    });
}

/** Removes each ref in turn like `docker rmi`; errors are reported and the last sets the exit code. */
async function removeImages(ctx: CliContext, refs: string[], force: boolean): Promise<void> {
  let failed: AgentError | null = null;
  for (const ref of refs) {
    const q = new URLSearchParams({ ref, force: String(force) });
    try {
      const r = await ctx
        .client()
        .send('DELETE', `/v1/images?${q}`, undefined, ImageRemoveResultSchema);
      ctx.io.stdout(formatRemoveResult(r));
    } catch (err) {
      if (!(err instanceof AgentError) || err.code === 'UNAVAILABLE') throw err;
      ctx.io.stderr(`berth: ${err.message}\n`);
      failed = err;
    }
  }
  if (failed) throw new CliExit(exitCodeOf(failed));
}

function exitCodeOf(err: AgentError): number {
  return exitCodeByCode[err.code];
}

function addRemoveCommand(cmd: Command, ctx: CliContext): Command {
  return cmd
    .description('remove one or more images')
    .argument('<refs...>', 'images by name, ID or digest')
    .option('-f, --force', 'remove even when tagged several times or in use')
    .action((refs: string[], opts: { force?: boolean }) =>
      removeImages(ctx, refs, opts.force ?? false),
    );
}

/** `images`, `rmi` and the `image` group: ls, inspect, layers, rm, prune, pull, push. */
export function registerImagesCommands(program: Command, ctx: CliContext): void {
  addListCommand(program.command('images'), ctx);
  addRemoveCommand(program.command('rmi'), ctx);
  const image = program.command('image').description('manage images');
  addListCommand(image.command('ls').alias('list'), ctx);
  addRemoveCommand(image.command('rm').alias('remove'), ctx);
  image
    .command('inspect')
    .description('show low-level information on images (a JSON array)')
    .argument('<refs...>', 'images by name, ID or digest')
    .action(async (refs: string[]) => {
      const found: ImageInspect[] = [];
      let failed: AgentError | null = null;
      for (const ref of refs) {
        try {
          found.push(
            await ctx
              .client()
              .get(`/v1/images/${encodeURIComponent(ref)}/json`, ImageInspectSchema),
          );
        } catch (err) {
          if (!(err instanceof AgentError) || err.code === 'UNAVAILABLE') throw err;
          failed = err;
          ctx.io.stderr(`berth: ${err.message}\n`);
        }
      }
      ctx.io.stdout(JSON.stringify(found, null, 4) + '\n');
      if (failed) throw new CliExit(exitCodeOf(failed));
    });
  image
    .command('layers')
    .description('list unpacked layers, their size and the images sharing them')
    .addOption(jsonFormat())
    .action(async (opts: { format?: string }) => {
      const format = parseFormat(opts.format);
      const report = await ctx.client().get('/v1/images/layers', LayersReportSchema);
      if (format === 'json') return ctx.io.stdout(jsonLines(report.layers));
      const { images } = await ctx.client().get('/v1/images', ImageListResultSchema);
      ctx.io.stdout(formatLayersTable(report, images));
    });
  image
    .command('prune')
    .description('remove dangling images and unreferenced layers')
    .option('-f, --force', 'do not prompt for confirmation')
    .action(async (opts: { force?: boolean }) => {
      if (!opts.force) {
        ctx.io.stdout(
          'WARNING! This will remove all dangling images.\nAre you sure you want to continue? [y/N] ',
        );
        const answer = (await ctx.io.readLine?.()) ?? null;
        if (!answer || !/^y(es)?$/i.test(answer.trim())) return ctx.io.stdout('\n');
      }
      const r = await ctx
        .client()
        .send('POST', '/v1/images/prune', undefined, ImagePruneResultSchema);
      ctx.io.stdout(formatPruneResult(r));
    });
}
