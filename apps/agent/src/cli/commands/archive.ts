import type { Command } from 'commander';
import * as z from 'zod';
import { ImageListResultSchema } from '@berth/protocol';
import { AgentError } from '../../errors.js';
import type { CliContext } from '../context.js';
import { agentPath } from '../image-args.js';

/** `berth save -o FILE IMAGE…`, `berth load -i FILE` (the agent reads/writes the file). */
export function registerArchiveCommands(parent: Command, ctx: CliContext): void {
  parent
    .command('save')
    .description('save images to an OCI image-layout tar archive')
    .argument('<images...>', 'images by name, ID or digest')
    .option('-o, --output <file>', 'write to this file (required)')
    .action(async (images: string[], opts: { output?: string }) => {
      if (!opts.output)
        throw new AgentError(
          'INVALID_ARGUMENT',
          'save needs -o FILE (writing to stdout is not supported)',
        );
      const path = agentPath(opts.output, ctx.io.cwd ?? process.cwd());
      await ctx
        .client()
        .send('POST', '/v1/images/save', { refs: images, path }, z.object({ path: z.string() }));
    });
  parent
    .command('load')
    .description('load images from a tar archive (OCI image layout)')
    .option('-i, --input <file>', 'read from this file (required)')
    .option('-q, --quiet', 'suppress the output')
    .action(async (opts: { input?: string; quiet?: boolean }) => {
      if (!opts.input)
        throw new AgentError(
          'INVALID_ARGUMENT',
          'load needs -i FILE (reading stdin is not supported)',
        );
      const path = agentPath(opts.input, ctx.io.cwd ?? process.cwd());
      const { images } = await ctx
        .client()
        .send('POST', '/v1/images/load', { path }, ImageListResultSchema);
      if (opts.quiet) return;
      for (const i of images) {
        if (i.repoTags.length === 0) ctx.io.stdout(`Loaded image ID: ${i.id}\n`);
        for (const t of i.repoTags) ctx.io.stdout(`Loaded image: ${t}\n`);
      }
    });
}
