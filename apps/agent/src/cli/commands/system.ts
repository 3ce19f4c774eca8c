import type { Command } from 'commander';
import { DiskUsageSchema } from '@berth/protocol';
import type { CliContext } from '../context.js';
import { formatDiskUsage } from '../format-images.js';
import { formatOption, parseFormat } from '../options.js';

/** `berth system df [--format json]`. */
export function registerSystemCommands(program: Command, ctx: CliContext): void {
  const system = program.command('system').description('manage the Berth host');
  system
    .command('df')
    .description('show disk usage of images and layers')
    .addOption(formatOption())
    .action(async (opts: { format?: string }) => {
      const format = parseFormat(opts.format);
      const df = await ctx.client().get('/v1/system/df', DiskUsageSchema);
      ctx.io.stdout(format === 'json' ? JSON.stringify(df) + '\n' : formatDiskUsage(df));
    });
}
