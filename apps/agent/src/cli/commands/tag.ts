import type { Command } from 'commander';
import { ImageSummarySchema } from '@berth/protocol';
import type { CliContext } from '../context.js';

/** `berth tag SOURCE TARGET` (also `berth image tag`). */
export function registerTagCommand(parent: Command, ctx: CliContext): void {
  parent
    .command('tag')
    .description('create a tag TARGET that refers to SOURCE')
    .argument('<source>', 'image by name, ID or digest')
    .argument('<target>', 'new name[:tag]')
    .action(async (source: string, target: string) => {
      await ctx.client().send('POST', '/v1/images/tag', { source, target }, ImageSummarySchema);
    });
}
