import type * as z from 'zod';
import { invalidArgument } from './errors.js';

/** Zod's issues in one line: `path: message; …`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
}

/** Validates with a schema, turning failures into INVALID_ARGUMENT. */
export function parseOrThrow<T extends z.ZodType>(
  schema: T,
  input: unknown,
  what: string,
): z.output<T> {
  const r = schema.safeParse(input);
  if (!r.success) throw invalidArgument(`invalid ${what}: ${describeIssues(r.error)}`);
  return r.data;
}
