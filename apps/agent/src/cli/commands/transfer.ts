import { Option } from 'commander';
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { pulledName } from '../format-images.js';
import { ProgressView } from '../progress.js';
import { pullImage, pushImage } from '../transfer.js';

/** `berth pull [--platform P] [-q] REF`, `berth push REF` (also under `berth image`). */
export function registerTransferCommands(parent: Command, ctx: CliContext): void {
  parent
    .command('pull')
    .description('pull an image from a registry')
    .argument('<ref>', 'image reference, e.g. busybox or 127.0.0.1:5000/app:1')
    .addOption(new Option('--platform <os/arch>', 'platform to pull, e.g. linux/arm64'))
    .option('-q, --quiet', 'print only the image reference')
    .action(async (ref: string, opts: { platform?: string; quiet?: boolean }) => {
      const view = new ProgressView('pull', ctx.io.stdoutIsTTY ?? false);
      const image = await pullImage(
        ctx.client(),
        opts.platform ? { ref, platform: opts.platform } : { ref },
        (p) => {
          if (!opts.quiet) ctx.io.stdout(view.update(p));
        },
      );
      const name = pulledName(image, ref);
      if (!opts.quiet) ctx.io.stdout(`Digest: ${image.id}\nStatus: Downloaded image for ${name}\n`);
      ctx.io.stdout(`${name}\n`);
    });
  parent
    .command('push')
    .description('push an image to the registry its name points at')
    .argument('<ref>', 'image reference with the registry, e.g. 127.0.0.1:5000/app:1')
    .option('-q, --quiet', 'suppress progress output')
    .action(async (ref: string, opts: { quiet?: boolean }) => {
      const view = new ProgressView('push', ctx.io.stdoutIsTTY ?? false);
      const pushed = await pushImage(ctx.client(), ref, (p) => {
        if (!opts.quiet) ctx.io.stdout(view.update(p));
      });
      ctx.io.stdout(`${pushed.ref}: digest: ${pushed.digest}\n`);
    });
}
