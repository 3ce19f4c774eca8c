import { exitCodeByCode } from '@berth/protocol';
import type * as z from 'zod';
import { AgentError } from '../errors.js';
import type { CliContext } from './context.js';
import { CliExit } from './exit.js';

/**
 * `berth … inspect A B C`, as docker's inspect does it: one JSON array of what was found on
 * stdout, an error line on stderr for each ref that was not, and the last failure's exit code.
 */
export async function inspectEach<T>(
  ctx: CliContext,
  refs: readonly string[],
  pathOf: (ref: string) => string,
  schema: z.ZodType<T>,
): Promise<void> {
  const found: T[] = [];
  let failed: AgentError | null = null;
  for (const ref of refs) {
    try {
      found.push(await ctx.client().get(pathOf(ref), schema));
    } catch (err) {
      if (!(err instanceof AgentError)) throw err;
      ctx.io.stderr(`berth: ${err.message}\n`);
      failed = err;
    }
  }
  ctx.io.stdout(`${JSON.stringify(found, null, 4)}\n`);
  if (failed) throw new CliExit(exitCodeByCode[failed.code]);
}
