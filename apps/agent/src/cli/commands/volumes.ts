import type { Command } from 'commander';
import { VolumeSchema } from '@berth/protocol';
import * as z from 'zod';
import type { CliContext } from '../context.js';
import { inspectEach } from '../inspect-each.js';
import { parseLabels } from '../container-args.js';
import { formatVolumesTable } from '../format-containers.js';
import { parseFormat } from '../options.js';
import { eachContainer, enc } from './containers-lifecycle.js';

const collect = (v: string, prev: string[] | undefined) => [...(prev ?? []), v];

/** `volume create|ls|rm|inspect`. */
export function registerVolumeCommands(program: Command, ctx: CliContext): void {
  const volume = program.command('volume').description('manage named volumes');
  volume
    .command('create')
    .description('create a named volume')
    .option('-l, --label <key=value>', 'set a label', collect)
    .argument('<name>')
    .action(async (name: string, o: { label?: string[] }) => {
      const v = await ctx
        .client()
        .send('POST', '/v1/volumes', { name, labels: parseLabels(o.label ?? []) }, VolumeSchema);
      ctx.io.stdout(`${v.name}\n`);
    });
  volume
    .command('ls')
    .alias('list')
    .description('list volumes')
    .option('-q, --quiet', 'only names')
    .option('--format <format>', 'json: one object per line')
    .action(async (o: { quiet?: boolean; format?: string }) => {
      const format = parseFormat(o.format);
      const { volumes } = await ctx
        .client()
        .get('/v1/volumes', z.object({ volumes: z.array(VolumeSchema) }));
      if (o.quiet) ctx.io.stdout(volumes.map((v) => `${v.name}\n`).join(''));
      else if (format === 'json')
        ctx.io.stdout(volumes.map((v) => `${JSON.stringify(v)}\n`).join(''));
      else ctx.io.stdout(formatVolumesTable(volumes));
    });
  volume
    .command('rm')
    .alias('remove')
    .description('remove volumes (refused while a container uses one)')
    .option('-f, --force', 'no error when missing')
    .argument('<name...>')
    .action((names: string[], o: { force?: boolean }) =>
      eachContainer(ctx, names, async (n) => {
        await ctx
          .client()
          .send(
            'DELETE',
            `/v1/volumes/${enc(n)}${o.force ? '?force=true' : ''}`,
            undefined,
            z.unknown(),
          );
      }),
    );
  volume
    .command('inspect')
    .description('show volume details (a JSON array)')
    .argument('<name...>')
    .action((refs: string[]) =>
      inspectEach(ctx, refs, (r) => `/v1/volumes/${enc(r)}`, VolumeSchema),
    );
}
