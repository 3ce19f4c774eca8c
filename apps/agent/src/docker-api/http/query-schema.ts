import type * as z from 'zod';
import { AgentError } from '../../errors.js';
import type { DockerQuery } from './query.js';

/**
 * Validates a route's query with zod: each key's first value as a string (Docker's `r.Form.Get`),
 * `arrays` keys as all their values. A failure is a 400 naming the parameter.
 */
export function queryOf<T>(
  schema: z.ZodType<T>,
  query: DockerQuery,
  arrays: readonly string[] = [],
): T {
  const obj: Record<string, string | string[]> = {};
  for (const key of new Set(query.params.keys())) {
    const all = query.params.getAll(key);
    obj[key] = arrays.includes(key) ? all : all[0]!;
  }
  for (const key of arrays) obj[key] ??= [];
  const r = schema.safeParse(obj);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  throw new AgentError(
    'INVALID_ARGUMENT',
    `invalid query parameter ${issue?.path.join('.') || ''}: ${issue?.message ?? 'malformed'}`,
  );
}
