import type { Command } from 'commander';
import { SystemInfoSchema } from '@berth/protocol';
import type { CliContext } from '../context.js';
import { formatInfo } from '../format.js';
import { formatOption, parseFormat } from '../options.js';

/** `berth info [--format json]`. */
export function registerInfoCommand(program: Command, ctx: CliContext): void {
  program
    .command('info')
    .description('show host and agent information')
    .addOption(formatOption())
    .action(async (opts: { format?: string }) => {
      const format = parseFormat(opts.format);
      const info = await ctx.client().get('/v1/info', SystemInfoSchema);
      ctx.io.stdout(format === 'json' ? JSON.stringify(info) + '\n' : formatInfo(info));
    });
}
