import { parseArgs } from 'node:util';
import { z } from 'zod';
import { BenchError } from './errors.js';

const CommonArgsSchema = z.object({
  runs: z.coerce.number().int().min(1).max(100),
  warmup: z.coerce.number().int().min(0).max(10),
});

export type CommonArgs = z.infer<typeof CommonArgsSchema>;

export const COMMON_USAGE = `  --runs N        measured runs per contender (default 5)
  --warmup N      discarded warm-up runs per contender (default 1)`;

/**
 * Pure: argv → the flags every benchmark takes plus its own string options, zod-validated.
 * `--help` is returned as `help: true` for the caller to print its usage.
 */
export function parseBenchArgs<S extends z.ZodRawShape>(
  argv: readonly string[],
  extra: {
    options: Record<string, { type: 'string' } | { type: 'boolean' }>;
    schema: z.ZodObject<S>;
    /** Per-benchmark defaults of the common flags (else 5 runs, 1 warm-up). */
    defaults?: Partial<CommonArgs>;
  },
): { help: boolean; common: CommonArgs; extra: z.infer<z.ZodObject<S>> } {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: [...argv],
      options: {
        runs: { type: 'string', default: String(extra.defaults?.runs ?? 5) },
        warmup: { type: 'string', default: String(extra.defaults?.warmup ?? 1) },
        help: { type: 'boolean', short: 'h' },
        ...extra.options,
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (err) {
    throw new BenchError(err instanceof Error ? err.message : String(err));
  }
  const common = CommonArgsSchema.safeParse(values);
  if (!common.success) throw new BenchError(`bad flags: ${z.prettifyError(common.error)}`);
  const rest = extra.schema.safeParse(values);
  if (!rest.success) throw new BenchError(`bad flags: ${z.prettifyError(rest.error)}`);
  return { help: values.help === true, common: common.data, extra: rest.data };
}
